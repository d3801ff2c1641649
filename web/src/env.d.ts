declare module 'virtual:named-queries' {
  const queries: { name: string; description: string; params: string[]; text: string }[];
  export default queries;
}
