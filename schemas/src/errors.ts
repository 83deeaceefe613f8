import type { Label } from './i18n';

/**
 * Stable error codes and their messages. The server answers `{ code, message, fields? }` with the
 * message in the request's language; the web may re-translate by code.
 */
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, 'zh-CN': '提交的内容有误，请检查标出的字段', en: 'Some fields are invalid' },
  BAD_REQUEST: { status: 400, 'zh-CN': '请求格式不正确', en: 'Malformed request' },
  INVALID_JSON: { status: 400, 'zh-CN': '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    'zh-CN': '不支持的请求内容类型，请以 JSON（application/json）提交',
    en: 'Unsupported content type; send JSON (application/json)',
  },
  PAYLOAD_TOO_LARGE: { status: 413, 'zh-CN': '提交的内容过大', en: 'The request body is too large' },
  UNAUTHENTICATED: { status: 401, 'zh-CN': '请先登录', en: 'Please log in' },
  INVALID_CREDENTIALS: { status: 401, 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' },
  ACCOUNT_LOCKED: {
    status: 423,
    'zh-CN': '密码错误次数过多，账号已锁定，请15分钟后再试或联系管理员',
    en: 'Too many failed attempts; the account is locked for 15 minutes',
  },
  LOGIN_THROTTLED: {
    status: 429,
    'zh-CN': '尝试次数过多，请稍后再试',
    en: 'Too many attempts; please try again later',
  },
  ACCOUNT_DISABLED: { status: 403, 'zh-CN': '账号已停用', en: 'This account is disabled' },
  CSRF_FAILED: { status: 403, 'zh-CN': '页面已过期，请刷新后重试', en: 'The page expired; reload and try again' },
  FORBIDDEN: { status: 403, 'zh-CN': '没有执行此操作的权限', en: 'You are not allowed to do this' },
  NOT_FOUND: { status: 404, 'zh-CN': '记录不存在或无权查看', en: 'Not found' },
  JOB_NOT_RETRYABLE: { status: 409, 'zh-CN': '只有已失败的任务可以重试', en: 'Only a failed job can be retried' },
  VERSION_CONFLICT: {
    status: 409,
    'zh-CN': '该记录已被他人修改，请刷新后重新编辑',
    en: 'Someone else changed this record; reload and edit again',
  },
  DUPLICATE: { status: 409, 'zh-CN': '记录已存在', en: 'Already exists' },
  STILL_REFERENCED: {
    status: 409,
    'zh-CN': '该记录仍被其他记录引用，不能删除',
    en: 'Other records still refer to this one; it cannot be deleted',
  },
  REFERENCE_GONE: {
    status: 409,
    'zh-CN': '所引用的记录已不存在，请刷新后重试',
    en: 'A record this refers to no longer exists; reload and try again',
  },
  CREDIT_CODE_DUPLICATE: {
    status: 409,
    'zh-CN': '该统一社会信用代码已登记',
    en: 'This unified social credit code is already registered',
  },
  TREE_CYCLE: {
    status: 400,
    'zh-CN': '不能移动到自身或其下级节点之下',
    en: 'A node cannot move under itself or its descendants',
  },
  TREE_TYPE_NOT_ALLOWED: {
    status: 400,
    'zh-CN': '该类型的组织不能设在所选上级之下',
    en: 'This kind of organisation cannot sit under the chosen parent',
  },
  TREE_HAS_CHILDREN: {
    status: 409,
    'zh-CN': '该节点下还有下级或关联记录，不能删除',
    en: 'This node still has children or linked records',
  },
  PASSWORD_WEAK: {
    status: 400,
    'zh-CN': '密码至少8位，且须同时包含字母和数字',
    en: 'Passwords need at least 8 characters with letters and digits',
  },
  PASSWORD_WRONG: { status: 400, 'zh-CN': '原密码不正确', en: 'The current password is wrong' },
  ROLE_NOT_GRANTABLE: {
    status: 403,
    'zh-CN': '无权授予该角色或在该组织授权',
    en: 'You may not grant this role on this organisation',
  },
  LAST_ROLE: {
    status: 409,
    'zh-CN': '这是该用户的最后一个角色，不能撤销；如需停止使用，请停用该账号',
    en: "This is the user's last role; disable the account instead",
  },
  WORKER_DUPLICATE: {
    status: 409,
    'zh-CN': '该身份证号码已登记，同一人不能重复登记；如需修改请联系驿家站长或社工部',
    en: 'This ID number is already registered; one person registers once — ask a station manager or staff to change it',
  },
  WORKER_STATUS: {
    status: 409,
    'zh-CN': '该登记当前的状态不能执行此操作，请刷新后重试',
    en: 'The registration is not in a state that allows this; reload and try again',
  },
  WORKER_NOT_EDITABLE: {
    status: 409,
    'zh-CN': '登记已认证或已停用，本人不能再修改，请联系驿家站长或社工部',
    en: 'A verified or disabled registration cannot be changed by the worker; ask a station manager or staff',
  },
  WORKER_ACCOUNT_ONLY: {
    status: 403,
    'zh-CN': '只有新就业群体账号可以本人登记',
    en: 'Only a worker account registers itself',
  },
  ONLINE_VISIT_DONE: {
    status: 409,
    'zh-CN': '该线上访企表单已提交，无需重复填写',
    en: 'This online visit form has already been submitted',
  },
  VISIT_PHOTO_TYPE: {
    status: 400,
    'zh-CN': '只能上传照片（JPEG 或 PNG 图片）',
    en: 'Only photos (JPEG or PNG images) can be uploaded',
  },
  ONLINE_VISIT_EXPIRED: {
    status: 410,
    'zh-CN': '该线上访企链接已过期，请联系企业专员重新发送',
    en: 'This online visit link has expired; ask your specialist for a new one',
  },
  STATION_CODE_INVALID: {
    status: 400,
    'zh-CN': '无法识别的驿家码，请重新扫描站点张贴的二维码',
    en: 'This is not a valid station code; scan the QR code posted at the station again',
  },
  STATION_CODE_REVOKED: {
    status: 410,
    'zh-CN': '该驿家码已作废，请扫描站点最新张贴的二维码',
    en: 'This station code has been replaced; scan the newest QR code at the station',
  },
  STATION_NOT_OPEN: {
    status: 409,
    'zh-CN': '该驿家暂停服务或已关闭，无法签到',
    en: 'This station is suspended or closed; check-in is not possible',
  },
  WORKER_NOT_VERIFIED: {
    status: 403,
    'zh-CN': '签到需要已审核通过的新就业群体登记，请先到驿家或社工部完成认证',
    en: 'Checking in needs a verified worker registration; ask a station manager or staff to verify you',
  },
  CHECK_IN_RATING_CLOSED: {
    status: 409,
    'zh-CN': '该次签到已评价或已超过评价期限（7天）',
    en: 'This check-in has already been rated or is past the 7-day rating window',
  },
  VISIT_NOT_EDITABLE: {
    status: 409,
    'zh-CN': '线上访企由企业填写，不能修改',
    en: 'An online visit is filled in by the enterprise and cannot be edited',
  },
  INVALID_TRANSITION: {
    status: 409,
    'zh-CN': '当前状态下不能执行该操作',
    en: 'This action is not allowed in the current state',
  },
  DECLARATION_WINDOW_CLOSED: {
    status: 409,
    'zh-CN': '不在申报时间内，不能提交申报',
    en: 'The declaration window is closed',
  },
  DECLARATION_INCOMPLETE: {
    status: 400,
    'zh-CN': '申报书尚未填写完整，请补充标出的内容',
    en: 'The declaration is incomplete',
  },
  ORG_NOT_ELIGIBLE: {
    status: 400,
    'zh-CN': '该党组织类型不在本次申报范围内',
    en: 'This kind of Party organisation may not declare in this campaign',
  },
  CAMPAIGN_NOT_OPEN: { status: 409, 'zh-CN': '该活动尚未发布或已结束', en: 'The campaign is not open' },
  DEMAND_NO_ROUTE: {
    status: 400,
    'zh-CN': '该类诉求尚未配置主办部门，请指定主办部门',
    en: 'No department is set up for this category; name the lead department',
  },
  DEMAND_NOT_CLOSABLE: {
    status: 409,
    'zh-CN': '企业评价期限未满，暂不能关闭该诉求',
    en: 'The enterprise may still rate this demand; it cannot be closed yet',
  },
  DEMAND_ON_CHALLENGE: {
    status: 409,
    'zh-CN': '所选诉求中已有诉求发布到揭榜难题（一条诉求只能作为一个难题的依据）',
    en: 'A selected demand is already the evidence of a challenge (a demand backs one challenge at most)',
  },
  DEMAND_NOT_OPEN: {
    status: 409,
    'zh-CN': '只能发布尚未办结的诉求',
    en: 'Only demands not yet resolved can be posted to the board',
  },
  DEMANDS_MIXED_COUNTY: {
    status: 400,
    'zh-CN': '所选诉求须属于同一县（区）且在该活动的范围内',
    en: 'The selected demands must belong to one county within the campaign',
  },
  CHALLENGE_NOT_OPEN: { status: 409, 'zh-CN': '该难题已被揭榜或已截止', en: 'This challenge is no longer open' },
  MEETING_CLOSED: { status: 409, 'zh-CN': '研判会已结束，不能再修改', en: 'The review meeting is closed' },
  MEETING_UNDECIDED: {
    status: 409,
    'zh-CN': '还有议题未作出决定，不能结束研判会',
    en: 'Every agenda item needs a decision before closing',
  },
  NOT_ASSIGNED: { status: 403, 'zh-CN': '您不是该研判会的评审人', en: 'You are not a reviewer of this meeting' },
  REPORT_NOT_OPEN: {
    status: 409,
    'zh-CN': '该季度报告尚未到报送时间（季度最后一个月起可报送）',
    en: 'This quarter’s report cannot be filed yet (from the last month of the quarter)',
  },
  REPORT_EXISTS: { status: 409, 'zh-CN': '该季度报告已报送', en: 'This quarterly report was already filed' },
  INDICATOR_BOUND: {
    status: 409,
    'zh-CN': '该指标来自业务数据，实际值按业务记录自动计算，不能手工填报',
    en: 'This indicator follows the service records; its actual value cannot be entered by hand',
  },
  INDICATOR_NOT_BOUND: {
    status: 409,
    'zh-CN': '该指标为手工填报，没有统计范围可设置',
    en: 'This indicator is entered by hand: it has no area to set',
  },
  ATTACHMENT_TYPE: {
    status: 400,
    'zh-CN': '附件类型不支持，仅限 PDF、图片、Word、Excel',
    en: 'Unsupported file type (PDF, images, Word, Excel only)',
  },
  ATTACHMENT_TOO_LARGE: { status: 413, 'zh-CN': '附件不能超过20MB', en: 'Files may not exceed 20 MB' },
  CONTEST_SHEET_LOCKED: {
    status: 409,
    'zh-CN': '该评分表已提交并锁定，不能再修改',
    en: 'This score sheet was already submitted and is locked',
  },
  CONTEST_SCORING_CLOSED: {
    status: 409,
    'zh-CN': '该项目当前不在评分时间内（尚未开始汇报或评分已截止）',
    en: 'Scoring for this project is not open (not started yet, or closed)',
  },
  CONTEST_RESULTS_UNPUBLISHED: {
    status: 403,
    'zh-CN': '比武结果尚未发布',
    en: 'The contest results are not published yet',
  },
  ASSESSMENT_CONTEST_UNPUBLISHED: {
    status: 409,
    'zh-CN': '该比武结果尚未发布，不能填入考核',
    en: 'The contest results are not published; they cannot be filled into the assessment',
  },
  ASSESSMENT_SHEET_EXISTS: {
    status: 409,
    'zh-CN': '该党组织在本考核方案中已有考核表',
    en: 'This organisation already has a sheet in this assessment scheme',
  },
  ASSESSMENT_PUBLISHED: {
    status: 409,
    'zh-CN': '考核方案已发布，须先撤回为草稿再修改',
    en: 'The assessment scheme is published; return it to draft before changing it',
  },
  RATE_LIMITED: { status: 429, 'zh-CN': '操作过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  REQUEST_TIMEOUT: {
    status: 408,
    'zh-CN': '请求发送超时，请检查网络后重试',
    en: 'The request took too long to arrive; check the connection and try again',
  },
  UPLOAD_QUOTA_EXCEEDED: {
    status: 429,
    'zh-CN': '今日上传已达上限，请明天再试',
    en: 'You have reached today’s upload limit; try again tomorrow',
  },
  UPLOAD_UNLINKED_QUOTA_EXCEEDED: {
    status: 429,
    'zh-CN': '已上传但尚未保存到记录中的附件过多，请先保存相关记录（未使用的附件会定期自动清除）',
    en: 'Too many uploads not yet saved in a record; save them first (unused uploads are removed after a while)',
  },
  IMPORT_NOT_XLSX: {
    status: 400,
    'zh-CN': '请上传 Excel 文件（.xlsx），可先下载导入模板',
    en: 'Upload an Excel file (.xlsx); download the template first',
  },
  IMPORT_TOO_LARGE: { status: 413, 'zh-CN': '导入文件不能超过20MB', en: 'Import files may not exceed 20 MB' },
  IMPORT_WRONG_TEMPLATE: {
    status: 400,
    'zh-CN': '表头与导入模板不一致，请使用系统下载的模板',
    en: 'The header row does not match the import template; use the downloaded template',
  },
  IMPORT_EMPTY: { status: 400, 'zh-CN': '表格中没有数据行', en: 'The sheet has no data rows' },
  IMPORT_NOT_READY: {
    status: 409,
    'zh-CN': '该导入尚未校验完成或已提交',
    en: 'This import is not validated yet or was already committed',
  },
  IMPORT_HAS_ERRORS: {
    status: 409,
    'zh-CN': '存在错误行，"全部成功才导入"模式下不导入任何数据',
    en: 'Some rows have errors; in all-or-nothing mode nothing is imported',
  },
  IMPORT_FAILED: { status: 500, 'zh-CN': '导入处理失败，请重新上传', en: 'The import failed; upload it again' },
  // ——— 调裁诉援 disputes (issue 14) ———
  DISPUTE_EVIDENCE_TYPE: {
    status: 400,
    'zh-CN': '手机申请只能上传照片（JPEG、PNG）或 PDF 文件',
    en: 'An application from the phone takes photos (JPEG, PNG) or PDF files only',
  },
  DISPUTE_DUPLICATE: {
    status: 409,
    'zh-CN': '该劳动者对同一被申请人已有未结案件，请在原案件中继续办理',
    en: 'This worker already has an open case against this respondent; continue in that case',
  },
  DISPUTE_GROUP_MIXED: {
    status: 400,
    'zh-CN': '集体争议的案件须属于同一调解中心、同一被申请人，且均未结案、未编入其他集体争议',
    en: 'A group case takes open cases of one centre against one respondent, none already in a group',
  },
  DISPUTE_NO_CENTRE: {
    status: 409,
    'zh-CN': '您所在的区域尚未设立劳动争议调解中心，请拨打12348法律服务热线或到当地人社部门咨询',
    en: 'No dispute centre serves your area yet; call the 12348 legal hotline or the local labour bureau',
  },
  DISPUTE_WORKER_UNKNOWN: {
    status: 400,
    'zh-CN': '请填写申请人的姓名和手机号（本账号尚未登记新就业群体信息）',
    en: 'Enter the applicant’s name and mobile (this account has no worker registration)',
  },
  INTERNAL: { status: 500, 'zh-CN': '系统繁忙，请稍后再试', en: 'Something went wrong; please try again' },
  // ——— 小哥码 passes (issue 12) ———
  PASS_WORKER_NOT_VERIFIED: {
    status: 409,
    'zh-CN': '该人员尚未通过核验，不能发放小哥码',
    en: 'The worker is not verified; a pass cannot be issued',
  },
  PASS_ALREADY_ACTIVE: {
    status: 409,
    'zh-CN': '该人员已有有效的小哥码，请续期或先吊销',
    en: 'The worker already holds an active pass; renew it or revoke it first',
  },
  PASS_NOT_ACTIVE: { status: 409, 'zh-CN': '该小哥码已吊销', en: 'The pass has been revoked' },
  PASS_BAD_EXPIRY: {
    status: 400,
    'zh-CN': '有效期须晚于今天且不超过一年',
    en: 'The expiry must be after today and within a year',
  },
  PASS_NO_COMPOUNDS: {
    status: 400,
    'zh-CN': '指定小区发放时请至少选择一个试点小区',
    en: 'Choose at least one pilot compound for a pass limited to a list',
  },
  PASS_NO_KEY: {
    status: 503,
    'zh-CN': '签发密钥不可用，请联系系统管理员',
    en: 'No issuer key is available; contact the administrator',
  },
  PASS_KEY_LAST: {
    status: 409,
    'zh-CN': '不能停用唯一的签发密钥，请先轮换生成新密钥',
    en: 'The only active issuer key cannot be retired; rotate first',
  },
  NOT_A_GUARD: {
    status: 403,
    'zh-CN': '您尚未被指派到小区门岗',
    en: 'You are not assigned to a compound gate',
  },
  GATE_NOT_OF_COMPOUND: {
    status: 400,
    'zh-CN': '所选门岗不属于该小区',
    en: 'The gate does not belong to this compound',
  },
  NOT_A_GUARD_USER: {
    status: 400,
    'zh-CN': '该用户没有小区门岗角色',
    en: 'The user does not hold the gate-guard role',
  },
  // ——— 零工快招 gig hiring (issue 13) ———
  GIG_JOB_STATUS: {
    status: 409,
    'zh-CN': '该岗位当前的状态不能执行此操作，请刷新后重试',
    en: 'The job is not in a state that allows this; reload and try again',
  },
  GIG_JOB_NOT_OPEN: {
    status: 409,
    'zh-CN': '该岗位已结束招聘或已过截止日期',
    en: 'This job is no longer open or is past its closing date',
  },
  GIG_JOB_FILLED: {
    status: 409,
    'zh-CN': '该岗位已招满，不能再录用',
    en: 'The job is already filled',
  },
  GIG_CLOSING_PAST: {
    status: 400,
    'zh-CN': '报名截止日期不能早于今天',
    en: 'The closing date cannot be in the past',
  },
  GIG_EMPLOYER_REQUIRED: {
    status: 400,
    'zh-CN': '请选择用工单位',
    en: 'Choose the employer',
  },
  GIG_NO_REGISTRATION: {
    status: 409,
    'zh-CN': '请先完成新就业群体登记，再设置求职意向',
    en: 'Register as a worker first',
  },
  GIG_WORKER_NOT_VERIFIED: {
    status: 403,
    'zh-CN': '报名需要已审核通过的新就业群体登记，请先到驿家或社工部完成认证',
    en: 'Applying needs a verified worker registration',
  },
  GIG_INTENTION_STATUS: {
    status: 409,
    'zh-CN': '该求职意向当前的状态不能执行此操作',
    en: 'The application is not in a state that allows this',
  },
  GIG_NOT_FAIR_POSITION: {
    status: 400,
    'zh-CN': '该岗位不是此次招聘会的招聘岗位',
    en: 'The job is not a position of this fair',
  },
  GIG_FAIR_CODE_INVALID: {
    status: 400,
    'zh-CN': '无法识别的招聘会签到码，请重新扫描现场张贴的二维码',
    en: 'This is not a valid fair code; scan the QR code at the fair again',
  },
  GIG_FAIR_NOT_OPEN: {
    status: 409,
    'zh-CN': '该招聘会不在举办当天或已取消，无法签到',
    en: 'The fair is not being held today or was cancelled',
  },
} satisfies Record<string, { status: number } & Label>;
export type ErrorCode = keyof typeof ERRORS;

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  fields?: Record<string, string>;
  requestId?: string;
}

/** Field-level messages used in validation errors (keyed by a short message id). */
export const FIELD_MESSAGES = {
  required: { 'zh-CN': '必填', en: 'Required' },
  invalid: { 'zh-CN': '格式不正确', en: 'Invalid value' },
  amount_finance_only: { 'zh-CN': '仅融资类诉求可填写金额', en: 'Only financing demands take an amount' },
  not_found: { 'zh-CN': '所选记录不存在或无权查看', en: 'Not found or not visible to you' },
  too_long: { 'zh-CN': '内容过长', en: 'Too long' },
  too_short: { 'zh-CN': '内容过短', en: 'Too short' },
  too_small: { 'zh-CN': '数值过小', en: 'Too small' },
  too_many: { 'zh-CN': '条目过多', en: 'Too many items' },
  too_big: { 'zh-CN': '数值过大', en: 'Too large' },
  control_chars: { 'zh-CN': '不能包含控制字符', en: 'Must not contain control characters' },
  invalid_chars: { 'zh-CN': '含有无效字符', en: 'Contains invalid characters' },
  duplicate: { 'zh-CN': '该值已被使用', en: 'This value is already in use' },
  too_deep: { 'zh-CN': '嵌套层级过深', en: 'Nested too deeply' },
  unknown_item: { 'zh-CN': '没有此项，请检查名称', en: 'No such item; check its name' },
  credit_code_length: {
    'zh-CN': '统一社会信用代码应为18位',
    en: 'The unified social credit code must be 18 characters',
  },
  credit_code_charset: {
    'zh-CN': '统一社会信用代码含有不允许的字符（不使用I、O、S、V、Z）',
    en: 'The unified social credit code contains characters outside its alphabet (no I, O, S, V, Z)',
  },
  credit_code_check: {
    'zh-CN': '统一社会信用代码校验位不正确，请核对营业执照',
    en: 'The check character of the unified social credit code is wrong; check the business licence',
  },
  credit_code_duplicate: {
    'zh-CN': '该统一社会信用代码已登记',
    en: 'This unified social credit code is already registered',
  },
  mobile: { 'zh-CN': '请输入11位手机号码', en: 'Enter an 11-digit mobile number' },
  region_code: { 'zh-CN': '行政区划代码应为6位数字', en: 'Region codes have 6 digits' },
  revert_reason: {
    'zh-CN': '请填写退回草稿的原因（2至200字）',
    en: 'Give the reason for going back to draft (2–200 characters)',
  },
  password_weak: {
    'zh-CN': '密码至少8位，且须同时包含字母和数字',
    en: 'At least 8 characters with letters and digits',
  },
  id_number: {
    'zh-CN': '身份证号码不正确，请核对（18位，末位校验码）',
    en: 'The resident ID number is not valid (18 characters with the right check character)',
  },
  region_outside_org: {
    'zh-CN': '所在区划须在管理党组织所在区划之内',
    en: "The region must lie within the managing organisation's region",
  },
  date_future: { 'zh-CN': '日期不能晚于今天', en: 'The date cannot be after today' },
  date_order: {
    'zh-CN': '日期不能早于上一环节的日期（如受理日期不能早于申请日期）',
    en: 'The date cannot be before the previous step’s date',
  },
  not_mediator: { 'zh-CN': '所选人员须持有调解员角色', en: 'The person must hold the mediator role' },
  extension_cap: {
    'zh-CN': '仲裁审理期限延长合计不得超过15日',
    en: 'The award period may be extended by 15 days in total at most',
  },
  worker_duplicate: {
    'zh-CN': '该身份证号码已登记',
    en: 'This ID number is already registered',
  },
  // 惠新驿家 opening hours and ledger (issue 12).
  hours_too_many: { 'zh-CN': '每天最多4个开放时段', en: 'At most 4 spans a day' },
  hours_span_empty: { 'zh-CN': '开门和关门时间不能相同', en: 'Opening and closing times must differ' },
  hours_order: {
    'zh-CN': '时段须按先后排列、互不重叠；跨夜时段只能是当天最后一段',
    en: 'Spans must be in order without overlapping; only the last span may run past midnight',
  },
  hours_overnight: {
    'zh-CN': '跨夜时段与次日第一个时段重叠',
    en: 'The overnight span runs into the next day’s first span',
  },
  holiday_range: {
    'zh-CN': '结束日期不能早于开始日期，一段安排最长31天',
    en: 'The end date must not precede the start; at most 31 days',
  },
  holiday_overlap: {
    'zh-CN': '与另一条节假日安排的日期重叠',
    en: 'Overlaps the dates of another holiday entry',
  },
  station_manager_role: {
    'zh-CN': '站长须为本辖区内持有“驿家站长”角色的在用账号',
    en: 'The manager must be an active account holding the station-manager role in your area',
  },
} satisfies Record<string, Label>;
export type FieldMessage = keyof typeof FIELD_MESSAGES;
