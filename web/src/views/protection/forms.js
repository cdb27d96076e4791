// What the protection forms share: the "<字段>不能为空" rule and the server's
// field errors shown under their fields (problem+json errors[].field).
import { ref } from 'vue'
import { ApiError } from '../../api'
import { t } from '../../i18n'

// A required-field rule whose message names the field (LABEL_KEY) in the page's language.
export function required(labelKey, trigger = 'blur') {
  return { required: true, trigger, validator: (rule, v, cb) => {
    const empty = v === undefined || v === null || (typeof v === 'string' && !v.trim()) || (Array.isArray(v) && !v.length)
    cb(empty ? new Error(t('prot.required', { field: t(labelKey) })) : undefined)
  } }
}

// se(field) is the server's message for FIELD ('' when none); setErrors(err) keeps an ApiError's.
export function useServerErrors() {
  const errors = ref({})
  return {
    se: (field) => errors.value[field] || '',
    setErrors: (err) => { errors.value = err instanceof ApiError ? err.fieldErrors() : {} },
    clearErrors: () => { errors.value = {} },
  }
}
