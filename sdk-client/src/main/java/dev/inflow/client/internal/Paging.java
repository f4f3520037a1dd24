package dev.inflow.client.internal;

import dev.inflow.client.Page;
import dev.inflow.client.UnexpectedResponseException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Turns cursor-paged calls into lazy streams: a page is fetched only when the stream reaches it. */
public final class Paging {
  private Paging() {}

  /**
   * @param first the cursor of the first page to read; empty for the very first
   * @param fetch reads the page at a cursor
   * @return every item from that page on, fetching pages as the stream is consumed
   */
  public static <T> Stream<T> stream(Optional<String> first, Function<Optional<String>, Page<T>> fetch) {
    Iterator<T> items = new Iterator<>() {
      private Optional<String> cursor = first;
      private Iterator<T> page;
      private boolean last;

      @Override
      public boolean hasNext() {
        while (page == null || !page.hasNext()) {
          if (last) {
            return false;
          }
          Page<T> next = fetch.apply(cursor);
          if (next.next().isPresent() && next.next().equals(cursor)) {
            // Following the same cursor again would loop forever.
            throw new UnexpectedResponseException("the server answered the page at cursor " + cursor.get()
                + " with the same cursor as 'next'; stopping instead of looping", 200, null);
          }
          page = next.items().iterator();
          cursor = next.next();
          last = cursor.isEmpty();
        }
        return true;
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return page.next();
      }
    };
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(items, Spliterator.ORDERED | Spliterator.NONNULL), false);
  }
}
