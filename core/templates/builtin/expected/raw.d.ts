/** Vite's `?raw` imports (used by the built-in template tests for expected outputs): the file's text. */
declare module "*?raw" {
  const text: string;
  export default text;
}
