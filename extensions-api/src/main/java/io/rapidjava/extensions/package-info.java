/** The Extensions API and extension state machines (to come with their issue). */
package io.rapidjava.extensions;
