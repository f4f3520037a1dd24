/**
 * The interfaces a host implements to plug Inflow into its own login, access rules, directory and
 * business objects. Each has a working default so that Inflow runs with no code.
 */
package dev.inflow.core.spi;
