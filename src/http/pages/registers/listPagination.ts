import type { FormBody } from './formBody.ts';

/*
 * The GOV.UK pagination component's parameters for a list page: previous and next, the first and last pages,
 * the current page and its neighbours, and an ellipsis for each gap. The filters stay in every link.
 */

export function listPagination(path: string, query: FormBody, page: number, pages: number) {
  if (pages <= 1) return null;
  const href = (n: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query))
      if (k !== 'page') for (const value of Array.isArray(v) ? v : [v]) if (value !== '') params.append(k, value);
    params.set('page', String(n));
    return `${path}?${params.toString()}`;
  };
  const shown = [...new Set([1, page - 1, page, page + 1, pages])]
    .filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b);
  const items: object[] = [];
  shown.forEach((n, i) => {
    if (i > 0 && n - (shown[i - 1] ?? n) > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: href(n), current: n === page });
  });
  return {
    previous: page > 1 ? { href: href(page - 1) } : undefined,
    next: page < pages ? { href: href(page + 1) } : undefined,
    items,
  };
}
