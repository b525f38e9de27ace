/**
 * Shadow-root styles. Isolation both ways: the shadow root keeps these rules in, `all: initial` on the
 * wrapper stops inherited host-page properties (color, font-size, line-height…) from leaking in, and every
 * themable value is a documented custom property (custom properties inherit on purpose: that is the API).
 */
export const WIDGET_CSS = /* css */ `
:host {
  display: block;
  contain: content;
  --_accent: var(--glimpse-accent, #2f6fed);
  --_radius: var(--glimpse-radius, 10px);
  --_font: var(--glimpse-font, system-ui, -apple-system, "Segoe UI", Roboto, "PingFang SC", "Noto Sans CJK SC", sans-serif);
  --_font-size: var(--glimpse-font-size, 14px);
  --_gap: var(--glimpse-gap, 12px);
  --_card-min: var(--glimpse-card-min-width, 140px);
  --_bg: var(--glimpse-bg, #ffffff);
  --_fg: var(--glimpse-fg, #1c1e21);
  --_muted: var(--glimpse-muted, #5f6368);
  --_card-bg: var(--glimpse-card-bg, #f5f6f8);
}
:host([hidden]) { display: none; }
.root.dark {
  --_bg: var(--glimpse-bg, #16181c);
  --_fg: var(--glimpse-fg, #eceef1);
  --_muted: var(--glimpse-muted, #a3a8b0);
  --_card-bg: var(--glimpse-card-bg, #23262c);
}
@media (prefers-color-scheme: dark) {
  .root.auto {
    --_bg: var(--glimpse-bg, #16181c);
    --_fg: var(--glimpse-fg, #eceef1);
    --_muted: var(--glimpse-muted, #a3a8b0);
    --_card-bg: var(--glimpse-card-bg, #23262c);
  }
}
.root {
  all: initial;
  display: block;
  box-sizing: border-box;
  font-family: var(--_font);
  font-size: var(--_font-size);
  line-height: 1.4;
  color: var(--_fg);
  background: var(--_bg);
  padding: var(--_gap);
  border-radius: var(--_radius);
}
.root *, .root *::before, .root *::after { box-sizing: border-box; }
.head { display: flex; align-items: baseline; justify-content: space-between; gap: var(--_gap); margin: 0 0 var(--_gap); }
.title { margin: 0; font: 600 1.15em/1.3 var(--_font); color: var(--_fg); }
.privacy { font-size: 0.8em; color: var(--_muted); }
.status { margin: 0; color: var(--_muted); font-size: 1em; }
.list {
  list-style: none; margin: 0; padding: 0;
  display: grid; gap: var(--_gap);
  grid-template-columns: repeat(auto-fill, minmax(var(--_card-min), 1fr));
}
.card { margin: 0; padding: 0; }
.card-button {
  all: unset; box-sizing: border-box; display: flex; flex-direction: column; width: 100%; height: 100%;
  cursor: pointer; background: var(--_card-bg); color: var(--_fg); border-radius: var(--_radius); overflow: hidden;
  font: inherit;
}
.card-button:focus-visible { outline: 2px solid var(--_accent); outline-offset: 2px; }
.card-button:hover .name { color: var(--_accent); }
.image { display: block; width: 100%; aspect-ratio: 1 / 1; object-fit: cover; background: var(--_bg); }
.body { display: flex; flex-direction: column; gap: 2px; padding: 8px 10px 10px; }
.name { font-weight: 600; color: var(--_fg); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.price { color: var(--_accent); font-weight: 600; }
.why { color: var(--_muted); font-size: 0.85em; }
.photo { display: flex; align-items: center; gap: var(--_gap); margin: 0 0 var(--_gap); }
.photo-button {
  all: unset; cursor: pointer; padding: 6px 12px; border-radius: var(--_radius);
  background: var(--_accent); color: #fff; font: 600 0.95em var(--_font);
}
.photo-button:focus-visible { outline: 2px solid var(--_fg); outline-offset: 2px; }
.photo-preview { width: 48px; height: 48px; object-fit: cover; border-radius: var(--_radius); }
.photo-hint { color: var(--_muted); font-size: 0.85em; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`;
