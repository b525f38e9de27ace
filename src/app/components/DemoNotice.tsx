import type { Catalog } from '../../core/catalog/schema';

/** Says plainly when titles and prices are generated, and credits the photos. */
export function DemoNotice({ catalog }: { catalog: Catalog }) {
  if (!catalog.demo && !catalog.notice) return null;
  return (
    <aside className="demo-notice" aria-label="About this catalog">
      {catalog.demo && <strong>Demo data. </strong>}
      {catalog.notice}
      {catalog.license && <span className="license"> {catalog.license}</span>}
    </aside>
  );
}
