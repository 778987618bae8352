/** `.sql` files are bundled as their text (webpack asset/source, a jest transform). */
declare module '*.sql' {
  const sql: string;
  export default sql;
}
