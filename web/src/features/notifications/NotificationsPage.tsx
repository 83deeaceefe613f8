// Placeholder registered by the lead; the feature's owner replaces it.
export default function NotificationsPage() {
  return null;
}
