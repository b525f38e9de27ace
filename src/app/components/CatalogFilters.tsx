import { useId } from 'react';

interface Props {
  categories: { category: string; count: number }[];
  total: number;
  category: string | undefined;
  query: string;
  showDismissed: boolean;
  dismissedCount: number;
  onCategory: (category: string | undefined) => void;
  onQuery: (query: string) => void;
  onShowDismissed: (show: boolean) => void;
}

export function CatalogFilters(props: Props) {
  const id = useId();
  return (
    <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor={`${id}-q`}>Search</label>
        <input
          id={`${id}-q`}
          type="search"
          placeholder="Title, category or tag"
          value={props.query}
          onChange={(e) => props.onQuery(e.target.value)}
          autoComplete="off"
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-cat`}>Category</label>
        <select id={`${id}-cat`} value={props.category ?? ''} onChange={(e) => props.onCategory(e.target.value || undefined)}>
          <option value="">All categories ({props.total})</option>
          {props.categories.map(({ category, count }) => (
            <option key={category} value={category}>
              {category} ({count})
            </option>
          ))}
        </select>
      </div>
      {props.dismissedCount > 0 && (
        <label className="check">
          <input type="checkbox" checked={props.showDismissed} onChange={(e) => props.onShowDismissed(e.target.checked)} />
          Show dismissed ({props.dismissedCount})
        </label>
      )}
    </form>
  );
}
