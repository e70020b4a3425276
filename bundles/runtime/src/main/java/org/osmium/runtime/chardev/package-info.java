/** Character backends (stdio, file, socket, null) behind the ports that UARTs write to and read from. */
package org.osmium.runtime.chardev;
