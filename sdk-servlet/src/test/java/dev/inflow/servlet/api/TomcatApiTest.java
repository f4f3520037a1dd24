package dev.inflow.servlet.api;

import dev.inflow.servlet.testing.Container;
import org.junit.jupiter.api.Nested;

/** The API suites on Tomcat 10.1. */
class TomcatApiTest {
  @Nested
  class Comments extends CommentApiTests {
    @Override
    protected Container container() {
      return Container.TOMCAT;
    }
  }

  @Nested
  class RequestSafety extends RequestSafetyTests {
    @Override
    protected Container container() {
      return Container.TOMCAT;
    }
  }

  @Nested
  class Platform extends PlatformApiTests {
    @Override
    protected Container container() {
      return Container.TOMCAT;
    }
  }

  @Nested
  class Live extends LiveChannelTests {
    @Override
    protected Container container() {
      return Container.TOMCAT;
    }
  }

  @Nested
  class Feed extends FeedApiTests {
    @Override
    protected Container container() {
      return Container.TOMCAT;
    }
  }

  @Nested
  class Questions extends QuestionApiTests {
    @Override
    protected Container container() {
      return Container.TOMCAT;
    }
  }

  @Nested
  class ExpertsAndNotifications extends ExpertsAndNotificationsApiTests {
    @Override
    protected Container container() {
      return Container.TOMCAT;
    }
  }

  @Nested
  class AnonymousAsk extends AnonymousAskApiTests {
    @Override
    protected Container container() {
      return Container.TOMCAT;
    }
  }
}
