/** State: versioned, class-loader-neutral records that serve hot-swap, snapshots and migration. */
@Export
@Version("1.0.0")
package org.osmium.api.state;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
