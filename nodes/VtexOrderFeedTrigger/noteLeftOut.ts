import type { FeedAnswer } from '../shared/feed/feedAnswer';
import { malformedEventsError } from '../shared/feed/feedAnswer';
import type { FollowUpPolls } from './FollowUpPolls';
import type { WorkflowPort } from './pollerPorts';

/**
 * Reports what a read left out: malformed events (a failed poll), events beyond the lot (a log
 * line); and schedules a follow-up for events the feed hid without the poller getting them.
 */
export function noteLeftOut(
	answer: FeedAnswer,
	readAt: number,
	workflow: WorkflowPort,
	followUps: FollowUpPolls | undefined,
): void {
	if (answer.malformed.length > 0) workflow.reportError(malformedEventsError(answer.malformed));
	if (answer.beyondLot > 0) {
		workflow.log(
			`The feed answered ${answer.beyondLot} event(s) more than asked; they were left for VTEX to deliver again`,
		);
		followUps?.add(readAt, `${answer.beyondLot} event(s) beyond the lot were left out`);
	}
	if (answer.earlierAttemptServedAt !== undefined) {
		followUps?.add(
			answer.earlierAttemptServedAt,
			'a feed read was retried after an attempt whose answer was lost (VTEX may have handed out events with it)',
		);
	}
}
