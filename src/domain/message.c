/*
** The message catalog and problem lists (see message.h). Chinese is the
** first language of the people who use Shouhu; English follows the same
** arguments in the same order.
*/
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "domain/message.h"
#include "domain/child.h"

typedef struct Message {
    const char *code, *zh, *en;
} Message;

static const Message catalog[] = {
    /* ID numbers (GB 11643) */
    {"id_length", "身份证号应为18位（或15位旧号），现为%d位", "an ID number has 18 characters (or 15 for an old one); this one has %d"},
    {"id_chars", "身份证号只能含数字，第18位可为X", "an ID number holds only digits, and X as its last character"},
    {"id_checksum", "身份证号校验码不对：按前17位应为%s，请核对是否抄错", "the ID number's check character should be %s for its first 17 digits: check for a typing error"},
    {"id_date", "身份证号中的出生日期%s不存在", "the birth date %s in the ID number does not exist"},
    {"id_future", "身份证号中的出生日期%s晚于今天", "the birth date %s in the ID number is after today"},
    {"id_province", "身份证号前两位%s不是有效的省级代码", "the first two digits %s of the ID number are not a province code"},
    /* a child's record */
    {"required", "不能为空", "is required"},
    {"too_long", "过长（最多%d个字）", "is too long (at most %d characters)"},
    {"bad_utf8", "含有无法识别的字符（不是UTF-8编码）", "holds bytes that are not UTF-8 text"},
    {"bad_date", "“%s”不是有效日期，请写成2023-01-31", "\"%s\" is not a date: write it as 2023-01-31"},
    {"future_date", "%s晚于今天", "%s is after today"},
    {"sex_conflict", "性别与身份证号不符：身份证号表明为%s", "the sex does not match the ID number, which says %s"},
    {"birth_conflict", "出生日期与身份证号不符：身份证号表明为%s", "the birth date does not match the ID number, which says %s"},
    {"adult", "该人员已满18周岁（%d岁），不能作为未成年人新建档案；孤儿、事实无人抚养儿童在校就读的除外",
     "this person is %d, 18 or older, and cannot be recorded as a minor (except orphans and de facto unsupported children in full-time schooling)"},
    {"age_limit", "该类别只适用于未满%d周岁的儿童", "this category applies only to children under %d"},
    {"unknown_area", "居住村（社区）“%s”不存在，请填写12位统计用区划代码或村（社区）名称", "the residence village \"%s\" does not exist: give its 12-digit code or its name"},
    {"ambiguous_area", "“%s”有多个同名村（社区），请填写12位代码", "there are several villages named \"%s\": give the 12-digit code"},
    {"not_village", "%s不是村（社区）一级：儿童须登记到村（社区）", "%s is not a village or community: a child is recorded in a village or community"},
    {"duplicate_id", "身份证号%s已有档案（编号%lld）", "the ID number %s is already recorded (record %lld)"},
    {"duplicate_in_file", "身份证号与第%ld行重复", "the ID number repeats row %ld"},
    {"disability_level", "残疾等级应为1至4级", "the disability level is 1 to 4"},
    {"level_without_type", "填写了残疾等级，请同时填写残疾类别", "a disability level needs a disability type"},
    {"category_dates", "终止日期早于起始日期", "the end date is before the start date"},
    {"category_repeat", "同一类别的期间重叠", "the same category is given twice for overlapping periods"},
    {"term_months", "期限（月）应为1到600之间的整数", "the term is a whole number of months from 1 to 600"},
    {"status_reason", "档案状态不是“在册”时须填写原因", "a record status other than active needs a reason"},
    {"reason_required", "请填写变更原因", "give the reason for the change"},
    {"stale_version", "档案已被他人修改（当前为第%d版，您编辑的是第%d版），请刷新后重新修改",
     "the record was changed by someone else (now version %d, you edited version %d): reload it and edit again"},
    {"no_change", "没有任何修改", "nothing was changed"},
    {"not_found", "找不到编号为%lld的儿童档案", "there is no child record %lld"},
    {"unknown_field", "不认识的字段", "unknown field"},
    {"wrong_type", "类型不对：应为%s", "wrong type: must be %s"},
    {"bad_area_code", "区划代码应为12位数字", "an area code has 12 digits"},
    {"no_birth_date", "没有身份证号时须填写出生日期（可估计）", "without an ID number, give the birth date (an estimate will do)"},
    {"no_sex", "没有身份证号时须填写性别", "without an ID number, give the sex"},
    /* files */
    {"empty_file", "文件是空的", "the file is empty"},
    {"no_header", "找不到表头：第一行应为列名，如姓名、身份证号、性别……", "no header row: the first row names the columns, such as 姓名, 身份证号, 性别"},
    {"missing_column", "缺少必需的列“%s”", "the required column \"%s\" is missing"},
    {"unknown_column", "不认识的列“%s”，已忽略", "the column \"%s\" is not known and was ignored"},
    {"duplicate_column", "列“%s”出现了两次", "the column \"%s\" appears twice"},
    {"line_too_long", "该行超过%d字节，不像是台账数据", "the row is longer than %d bytes and does not look like ledger data"},
    {"bad_encoding", "文件不是UTF-8或GB18030编码的文本", "the file is neither UTF-8 nor GB18030 text"},
    {"bad_csv", "CSV格式错误：%s", "the CSV is malformed: %s"},
    {"bad_xlsx", "不是有效的Excel（.xlsx）文件：%s", "this is not a valid Excel (.xlsx) file: %s"},
    {"unknown_format", "无法识别的文件类型，请使用.csv或.xlsx", "unknown file type: use .csv or .xlsx"},
    {"too_many_rows", "文件超过%ld行，请分批导入", "the file has more than %ld rows: import it in parts"},
    {"extra_cells", "该行的列数多于表头", "the row has more cells than the header"},
    /* accounts and passwords */
    {"out_of_scope", "区划%s不在您的管辖范围内", "the area %s is outside the area your account covers"},
    {"duplicate_id_elsewhere", "身份证号%s已在您管辖范围以外的地区登记，请联系上级民政部门核实",
     "the ID number %s is already recorded outside your area: ask the civil affairs office above you to check"},
    {"bad_username", "用户名应为%d到%d个字符：小写英文字母开头，只含小写字母、数字和 . _ -",
     "a user name has %d to %d characters: a lower-case letter, then lower-case letters, digits, '.', '_' or '-'"},
    {"username_taken", "用户名%s已被使用", "the user name %s is taken"},
    {"unknown_role", "没有名为“%s”的角色", "there is no role \"%s\""},
    {"no_such_area", "区划代码%s不存在", "there is no area %s"},
    {"unit_required", "成员单位账号须填写所属单位", "a member unit's account needs its unit"},
    {"password_short", "密码至少需要%d个字符", "a password has at least %d characters"},
    {"password_long", "密码过长（最多%d字节）", "the password is too long (at most %d bytes)"},
    {"password_kinds", "密码须包含小写字母、大写字母、数字、其他符号中的至少%d类",
     "a password mixes at least %d of: lower-case letters, upper-case letters, digits, other characters"},
    {"password_has_username", "密码不能包含用户名", "the password must not contain the user name"},
    {"password_wrong", "当前密码不正确", "the current password is wrong"},
    {"password_same", "新密码不能与当前密码相同", "the new password must differ from the current one"},
    {"self_change", "不能修改自己账号的角色、区域或停用状态", "you cannot change your own account's role, area or disabled state"},
    /* the HTTP API: titles of problem responses */
    {"http_400", "请求有误", "Bad request"},
    {"http_401", "需要登录", "Not logged in"},
    {"http_403", "无权访问", "Forbidden"},
    {"http_404", "找不到", "Not found"},
    {"http_405", "不支持该方法", "Method not allowed"},
    {"http_409", "当前状态不能办理", "Conflict with the current state"},
    {"http_412", "档案已被修改", "The record has changed"},
    {"http_413", "请求内容过大", "Request too large"},
    {"http_415", "请求内容类型不对", "Unsupported content type"},
    {"http_422", "提交的内容有问题", "The request has invalid fields"},
    {"http_428", "缺少版本号", "Version required"},
    {"http_500", "服务器内部错误", "Internal error"},
    {"http_503", "服务器繁忙", "Service busy"},
    /* the HTTP API: details */
    {"bad_json", "请求内容不是有效的JSON：%s（第%d行第%d列）", "the body is not valid JSON: %s (line %d, column %d)"},
    {"body_utf8", "请求内容含有不是UTF-8编码的字节", "the body holds bytes that are not UTF-8"},
    {"body_not_object", "请求内容应为一个JSON对象 {...}", "the body must be a JSON object {...}"},
    {"body_required", "缺少请求内容", "the request needs a body"},
    {"body_unexpected", "此请求不应带有请求内容", "this request takes no body"},
    {"body_too_large", "请求内容超过%zu字节的上限", "the body is larger than the limit of %zu bytes"},
    {"need_json", "请求内容须为JSON（Content-Type: application/json）", "the body must be JSON (Content-Type: application/json)"},
    {"bad_params", "请求参数有误，见errors", "some parameters are wrong: see errors"},
    {"bad_fields", "请修改errors中列出的字段后重新提交", "correct the fields listed in errors and send again"},
    {"bad_path", "请求路径无效", "the request path is not valid"},
    {"no_such_path", "没有这个接口：%s", "there is no such endpoint: %s"},
    {"method_not_allowed", "此接口不支持%s方法，可用：%s", "this endpoint does not take %s; it takes %s"},
    {"unknown_param", "不认识的参数", "unknown parameter"},
    {"duplicate_param", "参数重复出现", "the parameter is given more than once"},
    {"bad_int", "应为%lld到%lld之间的整数", "must be a whole number from %lld to %lld"},
    {"bad_choice", "应为以下之一：%s", "must be one of: %s"},
    {"bad_bool", "应为1或0（true或false）", "must be 1 or 0 (true or false)"},
    {"bad_escape", "含有无效的%%编码", "holds an invalid %% escape"},
    {"control_chars", "含有控制字符或无效的UTF-8", "holds control characters or invalid UTF-8"},
    {"login_required", "请先登录，或在Authorization请求头中提供访问令牌", "log in first, or give an API token in the Authorization header"},
    {"login_failed", "用户名或密码不正确；连续失败%d次后账号将锁定%d分钟",
     "wrong user name or password; after %d failures in a row the account is locked for %d minutes"},
    {"session_expired", "登录已超时（%d分钟无操作），请重新登录", "the session ended after %d idle minutes: log in again"},
    {"bad_token", "访问令牌无效、已过期或已撤销", "the API token is not valid, has expired or was revoked"},
    {"no_permission", "您的角色（%s）没有“%s”权限", "your role (%s) does not have the permission %s"},
    {"csrf_failed", "缺少或不正确的X-CSRF-Token请求头：请刷新页面后重试", "the X-CSRF-Token header is missing or wrong: reload the page and try again"},
    {"password_change_required", "请先修改初始密码（PUT /api/v1/me/password）", "change your temporary password first (PUT /api/v1/me/password)"},
    {"if_match_required", "修改档案须带If-Match请求头，值为读取档案时的ETag（版本号）",
     "a change needs an If-Match header holding the ETag (version) the record was read with"},
    {"bad_if_match", "If-Match请求头应为档案的版本号，如 \"3\"", "the If-Match header must be the record's version, such as \"3\""},
    {"no_such_account", "找不到账号%s", "there is no account %s"},
    {"no_such_area_path", "找不到区划%s", "there is no area %s"},
    {"import_failed", "导入失败，未写入任何数据：%s", "the import failed and nothing was written: %s"},
    {"internal_error", "服务器内部错误，已记录在日志中；请稍后重试或联系管理员",
     "an internal error occurred and was logged: try again later or tell the administrator"},
    {"busy", "数据库繁忙，请稍后重试", "the database is busy: try again shortly"},
    /* reliability over HTTP (issue #9): a full disk is 507, said so plainly */
    {"http_507", "存储空间不足", "Insufficient storage"},
    {"disk_full", "服务器磁盘已满，本次操作未保存任何内容；请联系管理员释放空间后重试",
     "the server's disk is full and nothing of this request was saved: ask the administrator to free space, then try again"},
    /* allowances (issue #5): settings, standards, the category procedure, payrolls, other help, adult orphans */
    {"unknown_setting", "没有名为%s的设置", "there is no setting %s"},
    {"bad_setting", "“%s”无效，应为%s", "\"%s\" is not valid: use %s"},
    {"bad_money", "“%s”不是有效金额，请写成2017.00（元，最多两位小数）", "\"%s\" is not an amount: write yuan such as 2017.00"},
    {"bad_month", "“%s”不是有效月份，请写成2023-02", "\"%s\" is not a month: write it as 2023-02"},
    {"not_basic_living", "%s不是基本生活保障类别（孤儿、事实无人抚养儿童、艾滋病病毒感染儿童）",
     "%s is not a basic-living allowance category (orphans, de facto unsupported, HIV-infected children)"},
    {"bad_peg", "只能参照另一个基本生活保障类别，不能参照%s", "a standard can follow only another basic-living category, not %s"},
    {"peg_loop", "参照%s会形成循环", "following %s would make a loop"},
    {"amount_positive", "金额应大于0", "the amount must be more than 0"},
    {"flow_no_permission", "账号%s（角色%s）没有“%s”权限", "the account %s (role %s) lacks the permission %s"},
    {"flow_town_only", "查验须由镇街一级的账号办理（账号%s属于%s）", "verification is done by a town-level account (%s belongs to %s)"},
    {"flow_city_only", "确认须由市（区）一级的账号办理（账号%s属于%s）", "confirmation is done by a city-level account (%s belongs to %s)"},
    {"account_disabled", "账号%s已停用", "the account %s is disabled"},
    {"flow_bad_state", "该申请的状态为%s，不能办理这一步", "the application is %s: this step cannot be done now"},
    {"refusal_reason", "不予通过须写明理由", "a refusal needs a reason"},
    {"flow_open_exists", "该儿童已有一份办理中的申请（编号%lld）", "the child already has an open application (number %lld)"},
    {"category_held", "该儿童已登记为该类别，状态为%s", "the child already holds this category (%s)"},
    {"step_date_order", "办理日期%s早于上一步骤的日期%s", "the date %s is before the previous step's %s"},
    {"not_held", "该儿童没有已确认的%s类别", "the child holds no approved category %s"},
    {"no_application", "找不到编号为%lld的申请", "there is no application %lld"},
    {"flow_none_open", "该儿童没有办理中的%s申请", "the child has no open application for %s"},
    {"payroll_not_found", "找不到编号为%lld的发放名册", "there is no payroll %lld"},
    {"payroll_locked", "名册已锁定（已发放），不能再修改；如需更正，请在以后月份的名册中加调整行并写明原因",
     "the payroll is locked (paid) and never changes: correct it with an adjustment line, with its reason, in a later month"},
    {"payroll_state", "名册状态为%s，不能办理这一步", "the payroll is %s: this step cannot be done now"},
    {"payroll_town_state", "%s的名册状态为%s，不能办理这一步", "the part of %s is %s: this step cannot be done now"},
    {"payroll_towns_pending", "还有%d个镇街未上报", "%d towns have not submitted yet"},
    {"payroll_no_town", "名册中没有%s的发放对象", "the payroll has no lines of %s"},
    {"payroll_too_early", "%s的名册最早只能在上个月生成", "the payroll of %s can be made at the earliest in the month before"},
    {"payroll_in_approval", "%s的名册（编号%lld）已进入上报审批，请先退回再重新生成",
     "the payroll of %s (number %lld) is being approved: return it before making it again"},
    {"payroll_not_line_child", "该儿童不在本名册所属区域内", "the child is not in the payroll's area"},
    {"payroll_area", "名册按全市或一个镇街生成，%s不是", "a payroll is made for the city or one town, and %s is neither"},
    {"payroll_before_start", "%s早于系统发放的首个月份%s（payroll.start_month）", "%s is before the first month Shouhu pays, %s (payroll.start_month)"},
    {"payroll_town_only", "上报须由该镇街的账号办理（账号%s属于%s）", "a town's part is submitted by an account of that town (%s belongs to %s)"},
    {"payroll_city_only", "审批、退回和锁定须由市一级的账号办理（账号%s属于%s）",
     "approving, returning and locking are done by a city-level account (%s belongs to %s)"},
    {"adjustment_zero", "调整金额不能为0", "an adjustment cannot be 0"},
    {"aid_needs_orphan", "孤儿助学只发给孤儿", "the study grant is for orphans"},
    {"aid_needs_adult", "孤儿助学发给年满18周岁的孤儿（现为%d周岁）", "the study grant is for orphans 18 or older (this one is %d)"},
    {"aid_needs_school", "须在全日制学校就读（就学状态为在校）", "the child must be in full-time schooling (enrolment: in school)"},
    {"aid_school_year", "请写明学年，如2023（指2023-2024学年）", "give the school year, such as 2023 (for 2023-2024)"},
    {"aid_once_a_year", "%d学年已发放过孤儿助学（编号%lld）", "the study grant of school year %d was given already (number %lld)"},
    {"aid_not_found", "找不到编号为%lld的救助记录", "there is no help record %lld"},
    {"aid_voided", "该记录已作废", "the record is void already"},
    {"settle_not_orphan", "只有机构集中养育的孤儿才轮流安置", "only orphans raised in the welfare institution are settled in turn"},
    {"settle_not_adult", "安置须年满18周岁（现为%d周岁）", "a settlement needs the person to be 18 or older (now %d)"},
    {"settle_twice", "该人员已安置过（编号%lld）", "this person is settled already (number %lld)"},
    {"settle_not_town", "%s不在轮流安置的镇街之列", "%s is not one of the towns that settle in turn"},
    {"settle_out_of_turn", "按轮流顺序应由%s安置；改由其他镇街安置须写明原因", "by the rotation %s settles next: another town needs a reason"},
    {"settle_not_found", "找不到编号为%lld的安置记录", "there is no settlement %lld"},
    {"settle_paid", "该安置补助已于%s发放", "the subsidy of this settlement was paid on %s"},
    {"settle_needs_person", "请指明儿童档案，或写明姓名（历史记录）", "name the child's record, or give a name (for history)"},
    /* protection (issue #6): reports, hotline calls, visits, cases, referrals, interventions */
    {"case_not_found", "找不到编号为%lld的案件", "there is no case %lld"},
    {"case_closed", "案件已结案：请先重新开案（reopen）再转介或干预", "the case is closed: reopen it before referring or intervening"},
    {"case_not_closed", "案件尚未结案：结案后再告知报告人处理结果", "the case is not closed yet: tell the reporter the outcome once it is"},
    {"referral_not_found", "找不到编号为%lld的转介", "there is no referral %lld"},
    {"decline_reason", "拒绝接收须写明理由", "declining needs a reason"},
    {"action_required", "办结须写明所做的工作", "closing a referral needs what was done"},
    {"child_not_found", "找不到编号为%lld的儿童档案，或不在您的辖区内", "there is no child record %lld in your area"},
    {"child_or_area", "请指明儿童档案（child_id），或写明儿童情况（child）和发生地所在村（社区）（area）",
     "name the child's record (child_id), or describe the child (child) and give the village (area)"},
    {"not_village_area", "%s不是本辖区内的村（社区）", "%s is not a village or community of your area"},
    {"triggers_count", "请选择1至9项报告情形，且不重复", "choose 1 to 9 different triggers"},
    {"time_format", "“%s”不是有效时间，请写成2026-11-29T09:05:00+08:00", "\"%s\" is not a time: write it as 2026-11-29T09:05:00+08:00"},
    {"time_future", "%s晚于现在", "%s is after now"},
    {"due_past", "期限%s早于今天", "the due date %s is before today"},
    {"court_result_only", "只有“申请撤销监护资格”才有法院裁判结果", "only an application to revoke guardianship has a court result"},
    {"notice_accept_only", "知会只需确认已阅（accept）", "a notice is only acknowledged (accept)"},
    {"apparent_age", "估计年龄应为0至17岁", "the apparent age is 0 to 17"},
    /* the rescue centre (issue #6, rescue): admissions, steps, discharges */
    {"rescue_known_or_unknown", "请只填其一：已建档儿童的档案编号，或身份不明儿童的情况",
     "give either a recorded child's id or the description of an unidentified child, not both"},
    {"rescue_age", "表面年龄应为0到17岁", "the apparent age is 0 to 17"},
    {"rescue_found_after", "发现日期%s晚于入站日期%s", "the day found, %s, is after the day admitted, %s"},
    {"rescue_before_admission", "日期%s早于入站日期%s", "the date %s is before the day of admission, %s"},
    {"rescue_ground_only_long_term", "只有转为长期监护才需填写依据", "only a change to long-term guardianship takes a ground"},
    {"rescue_state_done", "该步骤（%s）已办理过", "this step (%s) is already recorded"},
    {"rescue_state_guardianship", "当前监护状态为%s，不能办理这一步", "the guardianship is %s: this step cannot be done now"},
    {"rescue_state_discharged", "该儿童已于%s离站，不能再办理", "the child left on %s: nothing more can be recorded"},
    {"rescue_state_identified", "该儿童身份已查明（档案编号%lld）", "the child is identified already (record %lld)"},
    {"rescue_state_present", "该儿童已在站（入站记录编号%lld），请先办理离站", "the child is in care already (admission %lld): discharge first"},
    {"rescue_state_full", "%s的%d张床位已满", "%s: all its %d beds are taken"},
    {"rescue_state_beds", "现有%ld名儿童在院，床位数不能少于此数", "%ld children are here now: the beds cannot be fewer"},
    {"no_beds", "床位数应为0或正整数", "the number of beds is 0 or more"},
    {"admission_not_found", "找不到编号为%lld的入站记录", "there is no admission %lld"},
    {"no_institution", "找不到编号为%lld的机构", "there is no institution %lld"},
    /* monthly reports (issue #7, 总结上报): cross-checks and the village -> town -> city workflow */
    {"monthly_sex_sum", "男童%lld人与女童%lld人之和不等于在册儿童%lld人：请核对性别有误的档案",
     "boys (%lld) and girls (%lld) do not add up to the children recorded (%lld): check the records whose sex is wrong"},
    {"monthly_age_sum", "各年龄段之和%lld人不等于在册儿童%lld人：请核对出生日期有误的档案",
     "the age bands add up to %lld, not to the children recorded (%lld): check the records whose birth date is wrong"},
    {"monthly_ended_exceeds", "本月终止%lld条，多于上月末在册%lld人与本月新增%lld人之和：请核对终止档案的日期",
     "%lld records ended this month, more than last month's %lld children plus %lld new ones: check the dates of the ended records"},
    {"monthly_not_found", "找不到编号为%lld的月报", "there is no monthly report %lld"},
    {"monthly_state", "月报状态为%s，不能办理这一步", "the monthly report is %s: this step cannot be done now"},
    {"monthly_own_area_only", "月报由本级上报：账号%s属于%s，这份月报属于%s",
     "a monthly report is submitted by its own area: account %s belongs to %s, and this report to %s"},
    {"monthly_review_only", "退回和接收由上一级办理：%s的上一级是%s", "the level above returns or accepts: above %s is %s"},
    {"monthly_children_pending", "%s（%s）本月的月报还未上报：请督促其上报后再上报本级",
     "%s (%s) has not submitted this month's report: have it submitted before this one"},
    {"monthly_reason_required", "退回须写明原因，以便下级更正", "a return needs its reason, so that the area below can correct"},
    {"monthly_parent_submitted", "%s的月报已上报：请先退回它，再退回下级的月报",
     "the report of %s is submitted: return it first, then the one below it"},
    {"monthly_future", "%s还没有开始，不能生成它的月报", "%s has not begun: its report cannot be made yet"},
    {"monthly_area_level", "月报按村（社区）、镇街或全市生成，%s不是", "a monthly report is made for a village, a town or the city, and %s is none"},
    /* workforce and activities (issue #7) */
    {"workforce_bad_code", "“%s”无效，应为以下之一：%s", "\"%s\" is not valid: use one of %s"},
    {"workforce_bad_number", "%lld超出范围（%lld至%lld）", "%lld is out of range (%lld to %lld)"},
    {"workforce_supervisor_town", "儿童督导员登记在镇街一级，%s不是镇街", "a child supervisor is recorded in a town, and %s is not one"},
    {"workforce_director_village", "儿童主任登记在村（社区）一级，%s不是村（社区）", "a child director is recorded in a village, and %s is not one"},
    {"workforce_not_found", "找不到编号为%lld的记录", "there is no record %lld"},
    {"workforce_org_exists", "已有名为“%s”的社会组织", "there is a social organisation named \"%s\" already"},
    /* statistics and supervision (issue #7) */
    {"quality_needs_town", "数据质量逐条检查每份档案：请选择一个镇街或村（社区）",
     "the data-quality check reads every record: choose a town or a village"},
    /* allowances over HTTP (allow): what the API finds missing */
    {"application_not_found", "找不到编号为%lld的认定申请", "there is no category application %lld"},
    {"holiday_not_found", "节假日列表中没有%s", "%s is not in the holiday list"},
    /* protection follow-ups (issue #6 review): a report made from a hotline call */
    {"hotline_call_not_found", "找不到编号为%lld的热线来电，或不在您的辖区内", "there is no hotline call %lld in your area"},
    {"hotline_call_has_case", "热线来电%lld已转为案件，不能再次转为强制报告", "hotline call %lld has become a case already"},
    {NULL, NULL, NULL}};

static const Message *catalog_find(const char *code)
{
    for (const Message *m = catalog; m->code; m++)
        if (strcmp(m->code, code) == 0) return m;
    return NULL;
}

void problems_init(Problems *p, Arena *a)
{
    memset(p, 0, sizeof *p);
    p->arena = a;
}

/* Links PR in, or counts it only when past kept_max (then returns NULL). */
static Problem *problems_new(Problems *p, const char *field, const char *code)
{
    p->count++;
    if (p->kept_max && p->count > p->kept_max) return NULL;
    Problem *pr = arena_alloc(p->arena, sizeof *pr);
    pr->field = field;
    pr->code = code;
    if (p->tail) p->tail->next = pr;
    else p->head = pr;
    p->tail = pr;
    return pr;
}

Problem *problems_add_texts(Problems *p, const char *field, const char *code, const char *zh, const char *en)
{
    Problem *pr = problems_new(p, field, code);
    if (pr) {
        pr->text[LANG_ZH] = arena_strdup(p->arena, zh);
        pr->text[LANG_EN] = arena_strdup(p->arena, en);
    }
    return pr;
}

Problem *problems_add(Problems *p, const char *field, const char *code, ...)
{
    const Message *m = catalog_find(code);
    if (!m) {
        fprintf(stderr, "shouhu: no message for code %s\n", code);
        abort();   /* a programming error: every code is in the catalog */
    }
    Problem *pr = problems_new(p, field, m->code);
    if (!pr) return NULL;
    va_list ap;
    va_start(ap, code);
    pr->text[LANG_ZH] = arena_vprintf(p->arena, m->zh, ap);
    va_end(ap);
    va_start(ap, code);
    pr->text[LANG_EN] = arena_vprintf(p->arena, m->en, ap);
    va_end(ap);
    return pr;
}

void problems_locate(Problems *p, size_t mark, long row, const char *column)
{
    size_t i = 0;
    for (Problem *pr = p->head; pr; pr = pr->next, i++) {
        if (i < mark) continue;
        pr->row = row;
        if (column && !pr->column) pr->column = column;
    }
}

const char *problem_text(const Problem *p, Lang lang)
{
    return p->text[lang];
}

char *problem_describe(Arena *a, const Problem *p, Lang lang)
{
    const char *col = p->column ? p->column : p->field ? field_label(p->field, lang) : NULL;
    if (lang == LANG_ZH) {
        if (p->row && col) return arena_printf(a, "第%ld行 %s：%s", p->row, col, p->text[lang]);
        if (p->row) return arena_printf(a, "第%ld行：%s", p->row, p->text[lang]);
        if (col) return arena_printf(a, "%s：%s", col, p->text[lang]);
    } else {
        if (p->row && col) return arena_printf(a, "row %ld, %s: %s", p->row, col, p->text[lang]);
        if (p->row) return arena_printf(a, "row %ld: %s", p->row, p->text[lang]);
        if (col) return arena_printf(a, "%s: %s", col, p->text[lang]);
    }
    return arena_strdup(a, p->text[lang]);
}

Lang lang_from_env(void)
{
    const char *vars[] = {"SHOUHU_LANG", "LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v) return strncasecmp(v, "en", 2) == 0 || strcmp(v, "C") == 0 || strncmp(v, "C.", 2) == 0 ||
                                    strcmp(v, "POSIX") == 0
                                ? LANG_EN
                                : LANG_ZH;
    }
    return LANG_ZH;
}

Lang lang_from_accept(const char *h)
{
    if (!h || !*h) return LANG_ZH;
    /* the first language listed wins; browsers list the preferred one first */
    while (*h == ' ') h++;
    if (strncasecmp(h, "en", 2) == 0) return LANG_EN;
    return LANG_ZH;
}
