/** Deliveries as a table: time, channel, topic and subject (linking to its digest), status, attempts, error. */
import { Link } from "react-router";
import type { DeliveryFieldsFragment } from "../../gql/graphql";
import { CHANNELS, DELIVERY_STATUSES, STATUS_PILL, topicLabel } from "../../lib/delivery";
import { formatDateTime, labelOf } from "../../lib/format";

/** `withSubject`: the log of every delivery; without, the deliveries of one digest. */
export function DeliveryTable({ deliveries, label, withSubject = false }: { deliveries: readonly DeliveryFieldsFragment[]; label: string; withSubject?: boolean }) {
  return (
    <div className="table-wrap">
      <table className="data-table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Channel</th>
            {withSubject ? <th scope="col">Topic</th> : null}
            {withSubject ? <th scope="col">Subject</th> : null}
            <th scope="col">Status</th>
            <th scope="col">Attempts</th>
            <th scope="col">Error</th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((d) => (
            <tr key={d.id} data-testid="delivery" data-status={d.status} data-channel={d.channel}>
              <td>
                <time dateTime={d.sentAt ?? d.createdAt}>{formatDateTime(d.sentAt ?? d.createdAt)}</time>
              </td>
              <td>{labelOf(CHANNELS, d.channel)}</td>
              {withSubject ? <td>{topicLabel(d.topic)}</td> : null}
              {withSubject ? <td>{d.digest ? <Link to={`/digests/${encodeURIComponent(d.digest.id)}`}>{d.subject}</Link> : d.subject}</td> : null}
              <td>
                <span className={STATUS_PILL[d.status]}>{labelOf(DELIVERY_STATUSES, d.status)}</span>
              </td>
              <td>{d.attempts}</td>
              <td className="small">{d.lastError ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
