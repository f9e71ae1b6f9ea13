import { CASE_KINDS, type CaseKind, type CaseKindInfo } from '@linggong/protocol';
import { ConfigError } from '../config/config.js';

interface KindDefinition {
  name: string;
  nameEn: string;
  timeLimitDays: number;
  /** 一次性告知: everything the person must bring or do, in full, in the order a desk asks for it. */
  checklist: Array<[zh: string, en: string]>;
}

const IDENTITY: [string, string] = ['本人身份证件（原件，复印件一份）', 'Your identity document (the original and one copy)'];
const CONTACT: [string, string] = [
  '联系电话或其他联系方式，方便工作人员回复您',
  'A phone number or other way to reach you with the answer',
];
const OUR_RECORDS: [string, string] = [
  '本平台的用工记录（招工信息、签到签退的时间和地点、约定工资）已自动附上，不必另外提供',
  'Our records of the hire (the posting, check-in and check-out times and places, the agreed wage) are attached for you',
];
const WRITING_HELP: [string, string] = [
  '不会写的，工作人员可以代写，由您本人核对后签字',
  'If you cannot write it down, staff write it for you; you check it and sign',
];
const MISSING: [string, string] = [
  '材料不齐的，工作人员会一次性告知缺少的全部材料，请在 15 个工作日内补齐',
  'If anything is missing, staff tell you everything missing at once; bring it within 15 working days',
];
const EMPLOYER: [string, string] = [
  '用工单位情况：名称、地址、负责人、联系电话',
  'Who the employer is: name, address, the person in charge, a phone number',
];

/**
 * Time limits in working days (限时办结), defaults a market's own desk can keep (domain notes, "Cases and
 * their clocks"); each is configurable with CASE_TIME_LIMITS:
 * - consultation 1: a desk answers a consultation the same day; one working day leaves room for a
 *   question that needs a call back.
 * - complaint 5, wage_arrears 5, dispute 5: labour inspection decides within 5 working days whether to
 *   accept a complaint; the desk mediates within that window, so a failed mediation can still be
 *   referred to inspection or arbitration without the worker losing time.
 * - injury 3: shorter, because the evidence (witnesses, the site, medical records) fades fastest and the
 *   employer has only 30 days to apply for work-injury recognition (工伤保险条例 第十七条).
 */
const KINDS: Record<CaseKind, KindDefinition> = {
  consultation: {
    name: '政策咨询',
    nameEn: 'Consultation',
    timeLimitDays: 1,
    checklist: [
      ['想咨询的问题，尽量写清楚（什么事、什么时候、和谁有关）', 'Your question, as clearly as you can (what, when, who is involved)'],
      CONTACT,
      [
        '相关材料（如有）：招工信息、协议、聊天记录、收据',
        'Related papers if you have any: the job posting, an agreement, chat messages, receipts',
      ],
      ['咨询不收任何费用', 'Consultations are free of charge'],
    ],
  },
  complaint: {
    name: '投诉',
    nameEn: 'Complaint',
    timeLimitDays: 5,
    checklist: [
      IDENTITY,
      CONTACT,
      [
        '被投诉的单位或个人：名称、地址、负责人、联系电话',
        'Who the complaint is about: name, address, the person in charge, a phone number',
      ],
      ['事情经过：按时间顺序写明发生了什么', 'What happened, the facts in order'],
      ['证据：协议或合同、聊天记录、照片、收据、证人', 'Evidence: an agreement or contract, chat messages, photos, receipts, witnesses'],
      ['您的诉求：希望如何处理', 'What you ask for'],
      [
        '电话、信件或网上提出的投诉，请在 10 个工作日内确认；在窗口提出的，当场签字确认',
        'A complaint made by phone, letter or online is confirmed by you within 10 working days; one made at the window is signed there',
      ],
      WRITING_HELP,
      MISSING,
    ],
  },
  wage_arrears: {
    name: '欠薪',
    nameEn: 'Wage arrears',
    timeLimitDays: 5,
    checklist: [
      IDENTITY,
      CONTACT,
      EMPLOYER,
      [
        '用工证明：协议或劳动合同（如有）、工作证、考勤或签到记录、工资条或转账记录、聊天记录、证人',
        'Proof of the work: an agreement or contract if any, work card, attendance or check-in records, pay slips or transfer records, chat messages, witnesses',
      ],
      OUR_RECORDS,
      ['诉求：欠薪金额、工作天数，并按时间顺序写明经过', 'What you ask for: the amount owed and days worked, and the facts in order'],
      ['多人同一原因被欠薪的，可推选不超过 5 名代表', 'When many workers are owed for the same reason, choose up to 5 representatives'],
      WRITING_HELP,
      MISSING,
    ],
  },
  dispute: {
    name: '用工纠纷',
    nameEn: 'Work dispute',
    timeLimitDays: 5,
    checklist: [
      IDENTITY,
      CONTACT,
      ['对方情况：姓名或单位名称、联系电话', 'The other side: their name or company, a phone number'],
      OUR_RECORDS,
      [
        '争议的内容：按时间顺序写明经过，例如到岗、工作量、工资、考勤的分歧',
        'What you disagree about, the facts in order: arrival, the work done, pay, attendance',
      ],
      ['其他证据：照片、聊天记录、证人', 'Other evidence: photos, chat messages, witnesses'],
      ['您的诉求：希望如何处理', 'What you ask for'],
      WRITING_HELP,
      MISSING,
    ],
  },
  injury: {
    name: '工伤',
    nameEn: 'Work injury',
    timeLimitDays: 3,
    checklist: [
      IDENTITY,
      CONTACT,
      EMPLOYER,
      ['受伤经过：时间、地点、在做什么工作、怎么受的伤', 'How it happened: when, where, what work, how you were hurt'],
      ['医院的病历、诊断证明和医疗费票据', 'Hospital records, the diagnosis and the medical bills'],
      ['在场证人的姓名和联系方式', 'Names and phone numbers of witnesses'],
      OUR_RECORDS,
      [
        '工伤认定：用人单位应在事故发生之日起 30 日内申请；单位未申请的，本人或近亲属可在 1 年内申请',
        'Work-injury recognition: the employer must apply within 30 days of the accident; if it does not, you or your family may apply within 1 year',
      ],
      WRITING_HELP,
      MISSING,
    ],
  },
};

/** The kinds with their configured time limits, checked once at start-up. */
export class CaseKinds {
  private readonly limits: Record<CaseKind, number>;

  constructor(overrides: Record<string, number> = {}) {
    for (const [kind, days] of Object.entries(overrides)) {
      if (!(CASE_KINDS as readonly string[]).includes(kind))
        throw new ConfigError(`Invalid configuration:\n  CASE_TIME_LIMITS: unknown kind "${kind}" (${CASE_KINDS.join(', ')})`);
      if (!Number.isInteger(days) || days < 1 || days > 60)
        throw new ConfigError(`Invalid configuration:\n  CASE_TIME_LIMITS: ${kind}=${days} must be 1 to 60 working days`);
    }
    this.limits = Object.fromEntries(CASE_KINDS.map((k) => [k, overrides[k] ?? KINDS[k].timeLimitDays])) as Record<CaseKind, number>;
  }

  timeLimitDays(kind: CaseKind): number {
    return this.limits[kind];
  }

  info(kind: CaseKind): CaseKindInfo {
    const k = KINDS[kind];
    return {
      kind,
      name: k.name,
      nameEn: k.nameEn,
      timeLimitDays: this.limits[kind],
      checklist: k.checklist.map(([zh]) => zh),
      checklistEn: k.checklist.map(([, en]) => en),
    };
  }

  all(): CaseKindInfo[] {
    return CASE_KINDS.map((k) => this.info(k));
  }
}
