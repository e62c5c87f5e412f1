import { render } from "preact";
import { App } from "./App.tsx";
import { createApi } from "./api.ts";

const root = document.getElementById("app");
if (root) render(<App api={createApi()} />, root);
