// Whether the window is a phone's (narrower than 768 px, where the layout
// changes), kept up to date while the component that asks is mounted: its
// resize listener is added on mount and removed on unmount.
import { onBeforeUnmount, onMounted, ref } from 'vue'

export function useNarrow() {
  const narrow = ref(window.innerWidth < 768)
  const check = () => {
    narrow.value = window.innerWidth < 768
  }
  onMounted(() => window.addEventListener('resize', check))
  onBeforeUnmount(() => window.removeEventListener('resize', check))
  return narrow
}
