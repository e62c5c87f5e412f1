export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * A page a stand-in serves: its label first, on every page, so that nobody takes it for the platform it stands
 * in for; then the title and the content. `style` adds the platform's own look (its buttons' colour…).
 */
export function standInPage({
  label,
  title,
  body,
  status = 200,
  style = "",
}: {
  label: string;
  title: string;
  body: string;
  status?: number;
  style?: string;
}): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} · ${label}</title>
<style>body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1a1f36;background:#f6f9fc}
.stand-in{margin:0;padding:10px 16px;background:#ffd84d;color:#3d2c00;font-weight:bold;text-align:center}
main{max-width:440px;margin:40px auto;padding:24px;background:#fff;border-radius:8px;box-shadow:0 2px 8px #0002}
button{font:inherit;padding:10px 18px;border-radius:6px;border:0;background:#1a1f36;color:#fff;cursor:pointer;margin:4px 8px 4px 0}
.note{color:#697386;font-size:14px}${style}</style></head>
<body><p class="stand-in" role="note">${label}</p><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
  return new Response(html, { status, headers: { "content-type": "text/html; charset=utf-8" } });
}
