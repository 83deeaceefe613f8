// Placeholder registered by the lead; the feature's owner replaces it.
export default function ReviewMeetingPage() {
  return null;
}
