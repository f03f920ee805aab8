// Stylesheets imported for their side effect: Vite bundles them; TypeScript only needs to know they exist.
declare module "*.css";
