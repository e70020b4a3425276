/** The {@code sifive-test} device: the SiFive test finisher that lets a guest power the machine off or reset it. */
package org.osmium.device.sifivetest;
