/** A column of an officer table: what the cell shows, what the CSV holds, how it is coloured. */
export interface Column<Row> {
  label: string;
  text: (row: Row) => string;
  /** The raw value for the CSV; the shown text when absent. */
  raw?: (row: Row) => string | number | null | undefined;
  numeric?: boolean;
  /** A class for the cell (grade colours: pass, improve, fail). */
  tone?: (row: Row) => string | undefined;
}
