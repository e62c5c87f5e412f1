import { LoginInput } from "../../../server/contract/index.ts";
import { useApi } from "../api.ts";
import { FormMessage, TextField } from "../components/Field.tsx";
import { useForm } from "../components/form.ts";
import { navigate, route, scope, siteHref } from "../state.ts";

/** The admin token (operator) or a site owner's token; the server answers with a session cookie. */
export function Login() {
  const api = useApi();
  const form = useForm({
    id: "login",
    schema: LoginInput,
    initial: { token: "" },
    read: (draft) => ({ value: { token: draft.token.trim() } }),
    claim: (problem) => (problem.code === "unauthorized" ? "token" : undefined),
  });
  const send = form.submit(async ({ token }) => {
    const me = await api.login(token);
    scope.value = me.scope;
    if (me.scope !== "*" && route.value.page === "sites") navigate(siteHref(me.scope));
  });
  return (
    <main id="main" class="login">
      <h1>Aquarium admin</h1>
      <form onSubmit={send} noValidate>
        <TextField
          form={form}
          name="token"
          label="Admin token"
          hint="The operator's ADMIN_TOKEN, or the owner token shown when your site was created."
          input={{ type: "password", autocomplete: "current-password", spellcheck: false }}
        />
        <FormMessage form={form} />
        <button type="submit" disabled={form.busy}>
          {form.busy ? "Logging in…" : "Log in"}
        </button>
      </form>
    </main>
  );
}
