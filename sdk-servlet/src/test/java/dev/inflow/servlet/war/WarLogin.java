package dev.inflow.servlet.war;

import dev.inflow.core.User;
import dev.inflow.core.spi.IdentityResolver;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The login of the sample WAR, found by annotation scanning: {@code /login?user=ana&name=Ana%20Lima}
 * puts the user into the session, where Inflow's default identity resolver looks. A real
 * application signs people in with its own form or SSO and does the same.
 */
@WebServlet("/login")
public class WarLogin extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String id = request.getParameter("user");
    User user = User.builder(id).name(request.getParameter("name")).build();
    request.getSession(true).setAttribute(IdentityResolver.SESSION_USER_ATTRIBUTE, user);
    response.sendRedirect(request.getContextPath() + "/");
  }
}
