package dev.inflow.core.question.internal;

import dev.inflow.core.InflowException;
import dev.inflow.core.internal.Threads;
import dev.inflow.core.internal.db.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field.Store;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.QueryBuilder;

/**
 * Similar questions on H2 with a Lucene index (English analyzer: stop words, possessives, Porter
 * stemming; BM25 ranking with title matches boosted {@value #TITLE_BOOST}×, tag-name matches
 * {@value #TAGS_BOOST}×, and {@value #TAG_BONUS} per tag in common).
 *
 * <p>The index lives beside an H2 file database ({@code <database>.similar/}) and is kept in step
 * with {@code inflow_question}: after every committed change the question's row is read again and
 * its document replaced (the read happens after the commit, so the newest row always wins). At
 * start the index is compared with the table by count and sum of {@code search_seq} over the
 * questions not deleted; since every change draws a new, higher number, the two agree exactly when
 * the index holds every question at its latest version, and otherwise it is rebuilt from the
 * table (as it is when it was written by another version of this class, see {@link #FORMAT}).
 * In-memory and remote H2 databases get an in-memory index built at start. Writes are
 * committed every few seconds and at close; a crash loses at most those, and the start-up check
 * then rebuilds.
 *
 * <p>Thread-safe.
 */
final class LuceneSimilarSearch implements SimilarSearch {
  private static final System.Logger LOG = System.getLogger(LuceneSimilarSearch.class.getName());
  static final float TITLE_BOOST = 2.5f;
  static final float TAGS_BOOST = 1.5f;
  static final float TAG_BONUS = 1.0f;
  private static final int PAGE = 1_000;
  /**
   * Stamped into every commit: an index written with another analysis (stop words, fields) is
   * rebuilt even when it holds the same rows. Raise it whenever {@link #document} or the analyzer
   * changes.
   */
  static final String FORMAT = "2";
  private static final String FORMAT_KEY = "inflow.similar.format";
  /**
   * Snowball's English stop words, the list PostgreSQL's english configuration uses. Lucene's own
   * default keeps question words (how, do, I, can, where, ...) that start nearly every question:
   * they say nothing about its subject and make every look-up score most of the index.
   */
  static final CharArraySet STOP_WORDS = new CharArraySet(List.of(
      "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours", "yourself", "yourselves", "he", "him",
      "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself", "they", "them", "their", "theirs", "themselves",
      "what", "which", "who", "whom", "this", "that", "these", "those", "am", "is", "are", "was", "were", "be", "been", "being",
      "have", "has", "had", "having", "do", "does", "did", "doing", "a", "an", "the", "and", "but", "if", "or", "because", "as",
      "until", "while", "of", "at", "by", "for", "with", "about", "against", "between", "into", "through", "during", "before",
      "after", "above", "below", "to", "from", "up", "down", "in", "out", "on", "off", "over", "under", "again", "further",
      "then", "once", "here", "there", "when", "where", "why", "how", "all", "any", "both", "each", "few", "more", "most",
      "other", "some", "such", "no", "nor", "not", "only", "own", "same", "so", "than", "too", "very", "s", "t", "can", "will",
      "just", "don", "should", "now"), true);

  private final Database db;
  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final Analyzer analyzer;
  private final ScheduledExecutorService committer = Executors.newSingleThreadScheduledExecutor(r -> Threads.daemon("inflow-similar-index", r));
  private final Object writes = new Object();
  private volatile boolean dirty;
  private volatile boolean stale;

  private LuceneSimilarSearch(Database db, Directory directory, IndexWriter writer, Analyzer analyzer) throws IOException {
    this.db = db;
    this.directory = directory;
    this.writer = writer;
    this.analyzer = analyzer;
    this.searchers = new SearcherManager(writer, null);
    if (!inStepWithTable()) {
      rebuild();
    }
    committer.scheduleWithFixedDelay(this::commitIfDirty, 5, 5, TimeUnit.SECONDS);
  }

  /** Opens (or builds) the index for the database. */
  static LuceneSimilarSearch open(Database db) {
    Optional<Path> path = indexPath(db);
    try {
      if (path.isPresent()) {
        Files.createDirectories(path.get());
        Directory fs = FSDirectory.open(path.get());
        Analyzer analyzer = new EnglishAnalyzer(STOP_WORDS);
        try {
          return new LuceneSimilarSearch(db, fs, new IndexWriter(fs, config(analyzer)), analyzer);
        } catch (LockObtainFailedException e) {
          // Only another Inflow in this JVM on the same H2 file can hold it (H2 file mode is single-process).
          LOG.log(Level.INFO, "the similar-question index {0} is held by another Inflow in this process; this one keeps its own copy in memory",
              path.get());
          fs.close();
        }
      }
      Directory memory = new ByteBuffersDirectory();
      Analyzer analyzer = new EnglishAnalyzer(STOP_WORDS);
      return new LuceneSimilarSearch(db, memory, new IndexWriter(memory, config(analyzer)), analyzer);
    } catch (IOException e) {
      throw new InflowException("cannot open the similar-question index" + path.map(p -> " " + p).orElse("") + ": " + e.getMessage(), e);
    }
  }

  private static IndexWriterConfig config(Analyzer analyzer) {
    return new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND).setCommitOnClose(true);
  }

  /** @return where the index of a file database lives, or empty for in-memory and remote databases */
  static Optional<Path> indexPath(Database db) {
    String url;
    try (Connection c = db.dataSource().getConnection()) {
      url = c.getMetaData().getURL();
    } catch (SQLException e) {
      throw Database.translate(e);
    }
    if (url == null || !url.startsWith("jdbc:h2:")) {
      return Optional.empty();
    }
    String location = url.substring("jdbc:h2:".length()).split(";", 2)[0];
    if (location.startsWith("file:")) {
      location = location.substring("file:".length());
    }
    if (location.startsWith("~")) {
      location = System.getProperty("user.home") + location.substring(1);
    }
    if (location.isEmpty() || location.matches("^[A-Za-z]{2,}:.*")) {
      return Optional.empty();
    }
    return Optional.of(Path.of(location + ".similar").toAbsolutePath());
  }

  @Override
  public List<Hit> search(String tenant, String text, List<String> tags, int limit) {
    QueryBuilder builder = new QueryBuilder(analyzer);
    BooleanQuery.Builder words = new BooleanQuery.Builder();
    int clauses = addField(words, builder.createBooleanQuery("title", text, Occur.SHOULD), TITLE_BOOST)
        + addField(words, builder.createBooleanQuery("tags", text, Occur.SHOULD), TAGS_BOOST)
        + addField(words, builder.createBooleanQuery("body", text, Occur.SHOULD), 1f);
    if (clauses == 0) {
      return List.of();
    }
    BooleanQuery.Builder query = new BooleanQuery.Builder()
        .add(new TermQuery(new Term("tenant", tenant)), Occur.FILTER)
        .add(words.build(), Occur.MUST);
    for (String tag : tags) {
      query.add(new BoostQuery(new ConstantScoreQuery(new TermQuery(new Term("tag", tag))), TAG_BONUS), Occur.SHOULD);
    }
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        TopDocs top = searcher.search(query.build(), limit);
        List<Hit> hits = new ArrayList<>();
        var stored = searcher.storedFields();
        for (ScoreDoc doc : top.scoreDocs) {
          hits.add(new Hit(stored.document(doc.doc).getField("id").numericValue().longValue(), doc.score));
        }
        return hits;
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the similar-question index could not be read", e);
    }
  }

  private static int addField(BooleanQuery.Builder words, Query query, float boost) {
    if (query == null) {
      return 0;
    }
    words.add(new BoostQuery(query, boost), Occur.SHOULD);
    return 1;
  }

  @Override
  public void changed(String tenant, long questionId) {
    synchronized (writes) {
      try {
        Optional<Document> doc = db.read(sql -> sql.one("SELECT tenant_id, id, title, body, tags, search_seq FROM inflow_question"
            + " WHERE tenant_id = ? AND id = ? AND deleted_at IS NULL", LuceneSimilarSearch::document, tenant, questionId));
        Term key = new Term("key", key(tenant, questionId));
        if (doc.isPresent()) {
          writer.updateDocument(key, doc.get());
        } else {
          writer.deleteDocuments(key);
        }
        searchers.maybeRefreshBlocking();
        dirty = true;
      } catch (IOException e) {
        // The question is committed; the index is a copy. Rebuild it from the table at the next commit tick.
        LOG.log(Level.WARNING, "similar-question index missed a change of question " + questionId + "; rebuilding: " + e.getMessage());
        stale = true;
      }
    }
  }

  private boolean inStepWithTable() throws IOException {
    Iterable<java.util.Map.Entry<String, String>> commitData = writer.getLiveCommitData();
    boolean sameFormat = false;
    for (var entry : commitData == null ? List.<java.util.Map.Entry<String, String>>of() : commitData) {
      sameFormat |= entry.getKey().equals(FORMAT_KEY) && entry.getValue().equals(FORMAT);
    }
    if (!sameFormat) {
      return false;
    }
    long count = 0;
    long sum = 0;
    try (DirectoryReader reader = DirectoryReader.open(writer)) {
      for (LeafReaderContext leaf : reader.leaves()) {
        NumericDocValues seq = leaf.reader().getNumericDocValues("seq");
        Bits live = leaf.reader().getLiveDocs();
        for (int doc = 0; seq != null && doc < leaf.reader().maxDoc(); doc++) {
          if ((live == null || live.get(doc)) && seq.advanceExact(doc)) {
            count++;
            sum += seq.longValue();
          }
        }
      }
    }
    long[] table = db.read(sql -> sql.one("SELECT COUNT(*) AS n, COALESCE(SUM(search_seq), 0) AS s FROM inflow_question WHERE deleted_at IS NULL",
        row -> new long[] {row.longValue("n"), row.longValue("s")})).orElseThrow();
    return count == table[0] && sum == table[1];
  }

  private void rebuild() throws IOException {
    synchronized (writes) {
      long started = System.nanoTime();
      writer.deleteAll();
      int total = 0;
      List<String> tenants = db.read(sql -> sql.list("SELECT DISTINCT tenant_id FROM inflow_question", row -> row.string("tenant_id")));
      for (String tenant : tenants) {
        long after = 0;
        while (true) {
          long from = after;
          // keyset pages on the primary key (tenant_id, id), so each page is an index range scan
          List<Document> page = db.read(sql -> sql.list("SELECT tenant_id, id, title, body, tags, search_seq FROM inflow_question"
              + " WHERE tenant_id = ? AND id > ? AND deleted_at IS NULL ORDER BY id LIMIT " + PAGE, LuceneSimilarSearch::document, tenant, from));
          for (Document doc : page) {
            writer.addDocument(doc);
          }
          total += page.size();
          if (page.size() < PAGE) {
            break;
          }
          after = page.get(page.size() - 1).getField("id").numericValue().longValue();
        }
      }
      writer.setLiveCommitData(java.util.Map.of(FORMAT_KEY, FORMAT).entrySet());
      writer.commit();
      searchers.maybeRefreshBlocking();
      stale = false;
      LOG.log(Level.INFO, "similar-question index rebuilt from the table: {0} questions in {1} ms", total,
          (System.nanoTime() - started) / 1_000_000);
    }
  }

  private void commitIfDirty() {
    try {
      if (stale) {
        rebuild();
      } else if (dirty) {
        dirty = false;
        writer.commit();
      }
    } catch (IOException | RuntimeException e) {
      dirty = true;
      LOG.log(Level.WARNING, "similar-question index could not be saved; trying again in 5 s: " + e.getMessage());
    }
  }

  private static Document document(dev.inflow.core.internal.db.Row row) throws SQLException {
    String tenant = row.string("tenant_id");
    long id = row.longValue("id");
    Document doc = new Document();
    doc.add(new StringField("key", key(tenant, id), Store.NO));
    doc.add(new StringField("tenant", tenant, Store.NO));
    doc.add(new StoredField("id", id));
    doc.add(new NumericDocValuesField("seq", row.longValue("search_seq")));
    doc.add(new TextField("title", row.string("title"), Store.NO));
    doc.add(new TextField("body", row.string("body"), Store.NO));
    String tags = row.string("tags");
    doc.add(new TextField("tags", tags.replace(',', ' '), Store.NO));
    for (String tag : QuestionRow.splitTags(tags)) {
      doc.add(new StringField("tag", tag, Store.NO));
    }
    return doc;
  }

  private static String key(String tenant, long id) {
    return tenant + "\u001F" + id;
  }

  @Override
  public void close() {
    // Let a running commit finish: interrupting it leaves the writer half-committed, and
    // IndexWriter.close() then throws instead of closing.
    committer.shutdown();
    try {
      committer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (writes) {
      try {
        searchers.close();
        writer.close();
        directory.close();
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.WARNING, "similar-question index not closed cleanly; it is checked and rebuilt if needed at the next start: "
            + e.getMessage());
      }
    }
  }
}
