// Paging of a list a page holds in full (the API answered every row): the
// page's number and size as <Pagination> shows them, the rows of the current
// page, and onPage for Pagination's change event. ALL is a ref of the rows.
import { computed, ref } from 'vue'

export function useLocalPaging(all, initialSize = 10) {
  const page = ref(1)
  const size = ref(initialSize)
  const rows = computed(() => all.value.slice((page.value - 1) * size.value, page.value * size.value))
  function onPage(p, s) {
    page.value = p
    size.value = s
  }
  return { page, size, rows, onPage }
}
