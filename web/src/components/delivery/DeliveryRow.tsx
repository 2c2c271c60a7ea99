/** One delivery as a table row: time, channel, topic, subject (linking to its digest), status, attempts, error. */
import { Link } from "react-router";
import type { DeliveryFieldsFragment } from "../../gql/graphql";
import { CHANNELS, DELIVERY_STATUSES, STATUS_PILL, topicLabel } from "../../lib/delivery";
import { formatDateTime, labelOf } from "../../lib/format";

export function DeliveryRow({ delivery: d, showTopic = false }: { delivery: DeliveryFieldsFragment; showTopic?: boolean }) {
  return (
    <tr data-testid="delivery" data-status={d.status} data-channel={d.channel}>
      <td>
        <time dateTime={d.sentAt ?? d.createdAt}>{formatDateTime(d.sentAt ?? d.createdAt)}</time>
      </td>
      <td>{labelOf(CHANNELS, d.channel)}</td>
      {showTopic ? <td>{topicLabel(d.topic)}</td> : null}
      {showTopic ? <td>{d.digest ? <Link to={`/digests/${encodeURIComponent(d.digest.id)}`}>{d.subject}</Link> : d.subject}</td> : null}
      <td>
        <span className={STATUS_PILL[d.status]}>{labelOf(DELIVERY_STATUSES, d.status)}</span>
      </td>
      <td>{d.attempts}</td>
      <td className="small">{d.lastError ?? ""}</td>
    </tr>
  );
}
