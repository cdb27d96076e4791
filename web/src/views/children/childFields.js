// The groups of a child's record as the detail page and the edit form show
// them (基本信息, 户籍与居住, 就学, 健康与残疾, 父母与监护人, 儿童类别).
export const PERSON_FIELDS = ['name', 'id_number', 'phone', 'situation', 'situation_since', 'term_months', 'note']
export const GUARDIAN_FIELDS = ['name', 'relation', 'phone', 'id_number', 'note']

export const GROUPS = [
  { key: 'basic', fields: ['name', 'id_number', 'sex', 'birth_date', 'ethnicity', 'status', 'status_reason'] },
  { key: 'residence', fields: ['hukou_type', 'hukou_place', 'area', 'address'] },
  { key: 'school', fields: ['school', 'enrolment'] },
  { key: 'health', fields: ['health', 'disability_type', 'disability_level'] },
]

// which code table a field's value comes from
export const CODED = {
  sex: 'sex', ethnicity: 'ethnicity', status: 'record_status', hukou_type: 'hukou_type', enrolment: 'enrolment',
  disability_type: 'disability', situation: 'situation', relation: 'relation',
}
