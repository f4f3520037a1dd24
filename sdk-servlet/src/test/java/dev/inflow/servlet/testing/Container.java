package dev.inflow.servlet.testing;

/** The servlet containers Inflow is tested on. */
public enum Container {
  JETTY,
  TOMCAT
}
