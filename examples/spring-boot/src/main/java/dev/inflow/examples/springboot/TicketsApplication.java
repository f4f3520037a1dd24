package dev.inflow.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small help desk on Spring Boot 3: a ticket list behind Spring Security's form login, with
 * Inflow's comments on every ticket. Inflow reuses the app's {@code DataSource} and takes who is
 * signed in from Spring Security. Run it with {@code ./mvnw -q -pl examples/spring-boot -am install
 * -DskipTests} once, then {@code ./mvnw -q -pl examples/spring-boot exec:java} (or from an IDE), and
 * open http://localhost:8080; sign in as ana, ben, carla or erin (password {@code demo}).
 */
@SpringBootApplication
public class TicketsApplication {
  public static void main(String[] args) {
    SpringApplication.run(TicketsApplication.class, args);
  }
}
