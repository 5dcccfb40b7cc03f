/** Log capture, platform events and the Telemetry and Logs API subscriptions (to come with their issue). */
package io.rapidjava.telemetry;
