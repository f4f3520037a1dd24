package dev.inflow.servlet.api;

import dev.inflow.servlet.testing.Container;
import org.junit.jupiter.api.Nested;

/** The API suites on Jetty 12 (ee10). */
class JettyApiTest {
  @Nested
  class Comments extends CommentApiTests {
    @Override
    protected Container container() {
      return Container.JETTY;
    }
  }

  @Nested
  class RequestSafety extends RequestSafetyTests {
    @Override
    protected Container container() {
      return Container.JETTY;
    }
  }

  @Nested
  class Platform extends PlatformApiTests {
    @Override
    protected Container container() {
      return Container.JETTY;
    }
  }

  @Nested
  class Live extends LiveChannelTests {
    @Override
    protected Container container() {
      return Container.JETTY;
    }
  }

  @Nested
  class Feed extends FeedApiTests {
    @Override
    protected Container container() {
      return Container.JETTY;
    }
  }

  @Nested
  class Questions extends QuestionApiTests {
    @Override
    protected Container container() {
      return Container.JETTY;
    }
  }

  @Nested
  class ExpertsAndNotifications extends ExpertsAndNotificationsApiTests {
    @Override
    protected Container container() {
      return Container.JETTY;
    }
  }

  @Nested
  class AnonymousAsk extends AnonymousAskApiTests {
    @Override
    protected Container container() {
      return Container.JETTY;
    }
  }
}
