package dev.inflow.core.comment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inflow.core.Caller;
import dev.inflow.core.Created;
import dev.inflow.core.Inflow;
import dev.inflow.core.Limits;
import dev.inflow.core.testing.People;
import dev.inflow.core.testing.TestDatabase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrentCreateTest {
  @Test
  void twoHundredConcurrentCreatesWithATenthResentGiveExactlyTwoHundredComments() throws Exception {
    try (Inflow inflow = TestDatabase.inflow().limits(Limits.builder().userWritesPerMinute(10_000).build()).build()) {
      List<Callable<Created<Comment>>> calls = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        Caller author = People.member("user" + (i % 20));
        String key = "create-" + i;
        NewComment comment = NewComment.of("comment number " + i);
        calls.add(() -> inflow.comments().create(author, "course:java-101", comment, Optional.of(key)));
        if (i % 10 == 0) {
          calls.add(() -> inflow.comments().create(author, "course:java-101", comment, Optional.of(key)));
        }
      }
      Collections.shuffle(calls);
      ExecutorService pool = Executors.newFixedThreadPool(16);
      List<Created<Comment>> results = new ArrayList<>();
      try {
        for (Future<Created<Comment>> f : pool.invokeAll(calls)) {
          results.add(f.get());
        }
      } finally {
        pool.shutdownNow();
      }

      Set<String> ids = new HashSet<>();
      results.forEach(r -> ids.add(r.value().id()));
      assertThat(results).hasSize(220);
      assertThat(ids).hasSize(200);
      assertThat(results.stream().filter(Created::replayed)).hasSize(20);
      assertThat(inflow.comments().counts(People.member("reader"), List.of("course:java-101"))).containsEntry("course:java-101", 200L);
    }
  }
}
