/** The opened database (app.ts opens it before Nest, or a test gives its own), as CoreModule provides it. */
export const DATABASE = Symbol('DATABASE');
