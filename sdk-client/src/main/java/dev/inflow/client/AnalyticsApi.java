package dev.inflow.client;

import dev.inflow.client.internal.ApiCall;
import dev.inflow.client.internal.ApiPath;
import dev.inflow.client.internal.ResourceJson;
import dev.inflow.client.internal.Transport;

/**
 * Social learning figures for L&amp;D reports, from {@link InflowClient#analytics()}: answer rate,
 * time to first answer, top experts per tag, busiest targets. Needs a moderator's or administrator's
 * token.
 *
 * <p>Thread-safe; share it with the client.
 */
public final class AnalyticsApi {
  private final Transport transport;

  AnalyticsApi(Transport transport) {
    this.transport = transport;
  }

  /**
   * @return the summary of the period
   * @throws ForbiddenException when the user may not read analytics
   * @throws InvalidRequestException naming {@code from} or {@code to} for a period the server refuses
   */
  public AnalyticsSummary summary(AnalyticsQuery query) {
    return transport.call(call(query).query("format", "json"), ResourceJson::summary);
  }

  /**
   * The same summary as CSV, for spreadsheets: one header line, then one line per figure.
   *
   * @return the CSV text
   */
  public String summaryCsv(AnalyticsQuery query) {
    return transport.callText(call(query).query("format", "csv"), "text/csv");
  }

  private static ApiCall call(AnalyticsQuery query) {
    ApiCall call = ApiCall.get(ApiPath.v1("analytics", "summary"));
    if (query.from().isPresent()) {
      call = call.query("from", query.from().get());
    }
    if (query.to().isPresent()) {
      call = call.query("to", query.to().get());
    }
    if (query.tag().isPresent()) {
      call = call.query("tag", query.tag().get());
    }
    return call;
  }
}
