package dev.inflow.servlet;

/** A setting is missing or malformed; the message is one line saying which and what to do. */
public final class SettingsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SettingsException(String message) {
    super(message);
  }
}
