package dev.inflow.examples.springboot;

import dev.inflow.core.Inflow;
import dev.inflow.servlet.InflowServlet;
import javax.sql.DataSource;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Inflow in the help desk: one bean for Inflow, one for its servlet at {@code /inflow/*}. */
@Configuration
public class InflowConfiguration {
  /**
   * Inflow on the app's own pool. It migrates its tables (prefixed {@code inflow_}, history in
   * {@code inflow_schema_history}) when built; after Boot's Flyway, so each sees the other's tables
   * as they will stay.
   */
  @Bean(destroyMethod = "close")
  @DependsOnDatabaseInitialization
  Inflow inflow(DataSource dataSource) {
    return Inflow.builder().dataSource(dataSource).build();
  }

  @Bean
  ServletRegistrationBean<InflowServlet> inflowServlet(Inflow inflow) {
    InflowServlet servlet = InflowServlet.builder(inflow).identityResolver(new SpringSecurityIdentity()).build();
    ServletRegistrationBean<InflowServlet> registration = new ServletRegistrationBean<>(servlet, InflowServlet.DEFAULT_MOUNT_PATH + "/*");
    registration.setName("inflow");
    // The live channel's event stream and WebSocket upgrade need async support.
    registration.setAsyncSupported(true);
    registration.setLoadOnStartup(1);
    return registration;
  }
}
