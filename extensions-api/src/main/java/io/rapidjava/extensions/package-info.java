/**
 * Extensions: the registry of one generation's extensions, their state machines, and the Extensions API routes
 * ({@code /2020-01-01}). Nothing here knows about processes: the sandbox launches and signals them.
 */
package io.rapidjava.extensions;
