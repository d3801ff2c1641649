// Chinese names of the graph's labels, relationship types and the API's codes.
export const KIND: Record<string, string> = {
  Document: '文件', Agency: '部门', Platform: '平台', Institution: '单位', Person: '人员',
  LabCluster: '实验室群', IndustrialCluster: '产业集群', IndustrialChain: '产业链', Industry: '产业领域',
  Zone: '园区', Programme: '计划', Region: '地区', PlatformType: '平台类型', Category: '类别',
  Target: '目标', Evidence: '证据',
};
export const REL: Record<string, string> = {
  ISSUED: '发布', MENTIONS: '提及', CITES: '引用', HOSTS: '依托', CO_BUILDS: '共建', LOCATED_IN: '位于',
  PART_OF: '属于', TYPED_AS: '类型', IN_CATEGORY: '所属类别', DEFINES: '定义', MERGED_INTO: '并入',
  CONVERTED_TO: '转为', SUCCEEDS: '承继', PROMOTED_TO: '升级为', STOPS_NEW: '不再新建', REVOKES: '撤销',
  MEMBER_OF: '成员', LEADS: '牵头', DIRECTS: '主任', AFFILIATED_WITH: '任职于', SERVES: '服务',
  SETS_TARGET: '设定目标', TARGETS_TYPE: '目标类型', TARGETS_REGION: '目标地区', EVIDENCED_BY: '证据',
  FROM_DOCUMENT: '来自文件',
};
export const PAIR_KIND: Record<string, string> = {
  same_entity: '同一实体', overlap: '重复建设', transition_overlap: '转建重叠',
};
export const DECISION: Record<string, string> = {
  duplicate: '确认重复', not_duplicate: '不重复', convert: '应转建/整合',
};
export const FEATURE: Record<string, string> = {
  prior: '先验', field_similarity: '领域相似度', name_similarity: '名称相似度', host: '依托单位',
  shared_institution_same_city: '同城共建单位', type_relation: '类型关系', level: '级别', city: '城市',
  status: '状态', year_gap: '批建年份差',
};
export const PROP: Record<string, string> = {
  name: '名称', short: '简称', aliases: '别名', type: '类型', level: '级别', region: '地区', city: '城市',
  host: '依托单位', field: '领域', year: '年份', status: '状态', kind: '种类', title: '标题', doc_id: '文件编号',
  source_file: '来源文件', source_row: '来源行', seq: '序号', org: '单位', role: '角色', code: '代码',
};
export const ROLE: Record<string, string> = {
  lead: '牵头单位', director: '群主任', director_org: '主任单位', member: '成员', service: '服务机构',
};
export const kindName = (k: string) => KIND[k] || k;
export const relName = (r: string) => REL[r] || r;
export const INST_KIND: Record<string, string> = {
  university: '高校', company: '企业', enterprise: '企业', institute: '科研院所', hospital: '医院', service: '服务机构',
  finance: '金融机构', financial: '金融机构', association: '学会/协会', government: '政府部门', platform: '平台', person: '人员',
};
