package dev.inflow.servlet.internal.http;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the route for a method and path. Routes are tried in the order they were added. */
public final class Router {
  private record Compiled(Route route, Pattern regex, List<String> names) {}

  /**
   * A route found for a request.
   *
   * @param route the route
   * @param parameters path parameters by name
   */
  public record Match(Route route, Map<String, String> parameters) {}

  private final List<Compiled> routes = new ArrayList<>();

  /** Adds a route. */
  public Router add(String method, String pattern, Route.Access access, Route.Handler handler) {
    Route route = new Route(method, pattern, handler, access);
    routes.add(new Compiled(route, route.regex(), route.parameterNames()));
    return this;
  }

  /** @return every route, in order */
  public List<Route> routes() {
    return routes.stream().map(Compiled::route).toList();
  }

  /** @return the matching route, or empty */
  public Optional<Match> match(String method, String path) {
    for (Compiled c : routes) {
      if (!c.route().method().equals(method) && !(method.equals("HEAD") && c.route().method().equals("GET"))) {
        continue;
      }
      Matcher m = c.regex().matcher(path);
      if (m.matches()) {
        Map<String, String> params = new TreeMap<>();
        c.names().forEach(name -> params.put(name, m.group(name)));
        return Optional.of(new Match(c.route(), params));
      }
    }
    return Optional.empty();
  }

  /** @return the methods some route answers for this path (for 405 and CORS preflights) */
  public Set<String> methodsFor(String path) {
    Set<String> methods = new LinkedHashSet<>();
    for (Compiled c : routes) {
      if (c.regex().matcher(path).matches()) {
        methods.add(c.route().method());
      }
    }
    return methods;
  }
}
