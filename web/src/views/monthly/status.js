// The states of a monthly report and the colour of each one's tag.
export const STATUSES = ['draft', 'submitted', 'returned', 'accepted']

export function statusType(status) {
  return { draft: 'info', submitted: 'primary', returned: 'danger', accepted: 'success' }[status] || 'info'
}
