/** A third-party plugin for the integration tests: a UART model that refuses saved state, to test refused swaps. */
package org.osmium.itests.plugin;
