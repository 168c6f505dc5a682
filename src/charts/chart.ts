/**
 * What every chart and map renders to: an accessible SVG plus the same
 * numbers as a table. Pages show the SVG with a "view as table" control,
 * reports (PDF, Word) embed the SVG and the table, downloads offer both.
 * Chart modules are pure: data in, strings out, no I/O.
 */
export interface ChartTable {
  caption: string;
  head: string[];
  rows: (string | number)[][];
  /** Which columns are numbers (right-aligned). */
  numeric: boolean[];
}

export interface Chart {
  /** Unique on the page; used for ids (title, description, table anchors). Letters, digits and hyphens only. */
  id: string;
  title: string;
  /** The text alternative: what the chart shows, in a sentence or two, with the key numbers. */
  description: string;
  /** A complete <svg> element: role="img", <title> and <desc>, presentation attributes only (the CSP forbids style attributes). */
  svg: string;
  table: ChartTable;
}
