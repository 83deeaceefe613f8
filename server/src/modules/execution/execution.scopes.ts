/** Words shown in the API docs for the execution routes' data scope. */
export const EXECUTION_TAGS = ['项目实施与季度分析 execution'];
export const READ_SCOPE =
  '可见项目（管理员全部；书记、成员为本人绑定党组织及其下级申报的项目；社工部工作人员为本人绑定党组织及其下级申报的项目（从未提交过的草稿除外）；评审人为其研判会议程上的项目）';
export const TEAM_SCOPE = '本人以书记或成员身份绑定的党组织及其下级的已立项项目';
export const SECRETARY_SCOPE = '本人作为书记绑定的党组织及其下级的已立项项目';
export const STAFF_SCOPE = '社工部工作人员绑定党组织及其下级的项目（管理员全部）';
