package dev.inflow.servlet;

import dev.inflow.core.Inflow;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Registers Inflow in a web application that has the {@code sdk-servlet} jar in
 * {@code WEB-INF/lib}: the jar's {@code web-fragment.xml} declares this listener. Settings come
 * from context parameters ({@code inflow.jdbc.url}, {@code inflow.token.secret}, ...) and then the
 * environment ({@code INFLOW_JDBC_URL}, ...). Context parameter {@code inflow.enabled=false} turns it
 * off for hosts that register {@link InflowServlet} themselves; {@code inflow.mount.path} moves it
 * from {@code /inflow}.
 *
 * <p>The running {@link Inflow} is published as the context attribute {@value #INFLOW_ATTRIBUTE}.
 */
public final class InflowBootstrap implements ServletContextListener {
  /** The context attribute holding the {@link Inflow} this listener started. */
  public static final String INFLOW_ATTRIBUTE = "dev.inflow.core.Inflow";
  private static final System.Logger LOG = System.getLogger(InflowBootstrap.class.getName());

  @Override
  public void contextInitialized(ServletContextEvent event) {
    ServletContext context = event.getServletContext();
    Settings.Source source = contextParameters(context).orElse(Settings.Source.environment());
    if (source.get("INFLOW_ENABLED").map("false"::equalsIgnoreCase).orElse(false)) {
      LOG.log(Level.INFO, "Inflow is switched off by inflow.enabled=false");
      return;
    }
    if (context.getServletRegistration("inflow") != null) {
      LOG.log(Level.INFO, "a servlet named 'inflow' is already registered; the web fragment leaves it alone");
      return;
    }
    Settings settings = Settings.load(source);
    String mountPath = source.get("INFLOW_MOUNT_PATH").orElse(InflowServlet.DEFAULT_MOUNT_PATH);
    Inflow inflow = settings.inflowBuilder().build();
    try {
      settings.servletBuilder(inflow).build().register(context, mountPath);
    } catch (RuntimeException e) {
      inflow.close();
      throw e;
    }
    context.setAttribute(INFLOW_ATTRIBUTE, inflow);
    LOG.log(Level.INFO, "Inflow mounted at {0}{1} (database {2})", context.getContextPath(), mountPath, settings.jdbcUrlForDisplay());
  }

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    if (event.getServletContext().getAttribute(INFLOW_ATTRIBUTE) instanceof Inflow inflow) {
      inflow.close();
    }
  }

  private static Settings.Source contextParameters(ServletContext context) {
    return name -> Optional.ofNullable(context.getInitParameter(name.toLowerCase(java.util.Locale.ROOT).replace('_', '.')))
        .filter(v -> !v.isBlank());
  }
}
