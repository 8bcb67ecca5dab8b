// Being built (issue 9): replaced by the participant pages for groups and sessions.
import ComingSoon from "../public/coming-soon";

export default ComingSoon;
