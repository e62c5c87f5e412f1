/**
 * The panel's styles, inside its shadow root only. `all: initial` cuts the inheritance from the page;
 * the seller themes it in the admin (the site's appearance, set on the panel as --aq-* by Panel.tsx), or
 * through custom properties on their page, which cross the shadow boundary by design and win:
 * --aquarium-accent, --aquarium-accent-text, --aquarium-radius, --aquarium-font.
 * Narrower than 480px (a phone), the picture goes above the text and the buttons take the full width.
 */
export const STYLES = `
.panel{all:initial;display:block;box-sizing:border-box;margin:16px 0;padding:16px;container-type:inline-size;
  --r:var(--aquarium-radius,var(--aq-radius,10px));--a:var(--aquarium-accent,var(--aq-accent,#0b6e4f));
  font:15px/1.45 var(--aquarium-font,var(--aq-font,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif));
  color:#1a1a1a;background:#fff;border:1px solid #d0d0d0;border-radius:var(--r);
  animation:aq-in .32s ease-out both}
.panel *{box-sizing:border-box;font:inherit;color:inherit}
.panel.dark{color:#f2f2f2;background:#1f1f22;border-color:#4a4a50}
@media (prefers-color-scheme:dark){.panel.auto{color:#f2f2f2;background:#1f1f22;border-color:#4a4a50}}
@keyframes aq-in{from{opacity:0;transform:translateY(6px)}to{opacity:1;transform:none}}
@media (prefers-reduced-motion:reduce){.panel{animation:none}}
.offer{display:flex;gap:16px;align-items:flex-start}
.offer img{width:96px;height:96px;object-fit:cover;border-radius:max(0px,calc(var(--r) - 4px));flex:none}
@container (max-width:479px){.offer{flex-direction:column}.offer img{width:100%;height:auto;max-height:220px;aspect-ratio:4/3}
  .offer>div,.actions button,.pay a.button{width:100%}.actions button{flex:1 1 100%}}
.panel h2{margin:0 0 4px;font-size:1.2em;font-weight:700;line-height:1.3}
.panel p{margin:0 0 8px}
.price{display:flex;flex-wrap:wrap;gap:4px 10px;align-items:baseline}
.price s{opacity:.78}
.price strong{font-size:1.3em;font-weight:700}
.save,.muted{font-size:.9em;opacity:.85}
label{display:inline-flex;gap:8px;align-items:center;margin:4px 0 8px}
select{padding:4px 8px;border:1px solid #8a8a8a;border-radius:6px;background:transparent}
.actions{display:flex;flex-wrap:wrap;gap:8px;margin-top:8px}
button{cursor:pointer;padding:10px 18px;border-radius:var(--r);border:2px solid transparent;font-weight:650}
.accept{background:var(--a);color:var(--aquarium-accent-text,#fff)}
.decline{background:transparent;border-color:currentColor}
button:disabled,button[aria-disabled=true]{cursor:progress;opacity:.7}
button:focus-visible,select:focus-visible{outline:3px solid var(--aquarium-focus,#1a56db);outline-offset:2px}
.receipt h3{margin:0 0 4px;font-size:1em;font-weight:700}
.receipt ul{margin:0 0 12px;padding:0;list-style:none}
.pay{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin-top:6px}
a.button{display:inline-block;text-decoration:none;text-align:center;padding:10px 18px;border-radius:var(--r);font-weight:650}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
`;
