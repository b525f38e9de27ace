import { CatalogValidationError } from '../../core/catalog/validate';

/** A failed catalog is explained (which item, which field), never a blank page. */
export function CatalogErrorView({ error, url }: { error: Error; url: string }) {
  const issues = error instanceof CatalogValidationError ? error.issues : [];
  return (
    <section className="catalog-error" role="alert" aria-labelledby="catalog-error-title">
      <h1 id="catalog-error-title">This catalog could not be loaded</h1>
      {url && (
        <p>
          Catalog: <code>{url}</code>
        </p>
      )}
      <p className="error-message" data-testid="catalog-error-message">
        {error.message}
      </p>
      {issues.length > 0 && (
        <ul className="issues">
          {issues.slice(0, 20).map((issue, i) => (
            <li key={i}>
              {issue.itemId && (
                <>
                  Item <code>{issue.itemId}</code>,{' '}
                </>
              )}
              field <code>{issue.path}</code>: {issue.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
