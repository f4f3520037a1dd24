package dev.inflow.examples.springboot;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/** Form login for the help desk; Inflow's own endpoints check identity and CSRF themselves. */
@Configuration
public class SecurityConfiguration {
  @Bean
  SecurityFilterChain security(HttpSecurity http) throws Exception {
    return http
        .authorizeHttpRequests(requests -> requests
            // Inflow answers anonymous callers itself (401 problems, not a login redirect), so
            // the widget and API clients get answers they understand.
            .requestMatchers("/inflow/**", "/tickets.css").permitAll()
            .anyRequest().authenticated())
        .formLogin(Customizer.withDefaults())
        .logout(Customizer.withDefaults())
        // Inflow checks cross-site writes itself: same-origin requests or its X-CSRF-Token.
        .csrf(csrf -> csrf.ignoringRequestMatchers("/inflow/**"))
        .build();
  }

  @Bean
  UserDetailsService users() {
    // {noop}: plain-text demo passwords. A real app uses its directory or an OIDC login.
    return new InMemoryUserDetailsManager(Employee.ALL.stream()
        .map(e -> User.withUsername(e.username()).password("{noop}demo").roles(e.roles().toArray(String[]::new)).build())
        .toList());
  }
}
