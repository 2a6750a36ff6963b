import { plainWords } from './reply-words.js';

/**
 * Spots a request for a person, or a complaint that a person should hear, in either language. The rules combine
 * an intent (a verb of asking or connecting) with a person noun, accept a bare person noun with polite words
 * around it, and step aside for negations ("no need for an agent"), questions about the bot ("are you human?")
 * and questions about the service ("how do I contact customer service?", "客服几点上班"), which the FAQ answers.
 */

// English: who the customer may ask for.
const PERSON_EN =
  /\b(agents?|human beings?|humans?|(real|actual|live) (person|people|one|human|agent)|persons?|people|someone|somebody|anyone|anybody|operators?|representatives?|reps?|staff|staff members?|employees?|manager|supervisor|advisors?|advisers?|associates?|consultants?|team members?|members? of (your |the )?(staff|team)|customer (service|support|care)|(support|tech|technical) (team|staff|agent|person)|tech support|help ?desk|service desk|live (chat|support)|your team|a man|a woman|someone real)\b/;
// Verbs and frames that ask for one ("connect me to", "I need", "can I speak with").
const ASK_EN =
  /\b(talk|speak|chat|connect|transfer|redirect|put me (through|on)|pass me|get me|give me|bring|escalate|need|want|wanna|would like|'d like|like to|let me|looking for|request|call me|ring me|get hold of|can i have|may i have|is there|i demand|take me|help me|get (a|an|some|the|your))\b/;
// Informational questions about reaching support: the FAQ answers them ("how do I contact customer service?").
const INFO_EN =
  /\b(how (do|can|could|should|would) (i|we|you) (contact|reach|email|call|phone|get in touch)|what('s| is) (the|your) (number|email|phone|address)|phone number|email address|(what|which) (time|hours|days)|when (is|are|does|do)|opening hours|service hours|open on|working on|weekends?|sundays?|saturdays?|holidays?|is there a way to (contact|reach|get in touch|call|email)|business hours|become an? (agent|rep)|sales agent|affiliate)\b/;
// Questions about the bot itself ("are you a human?", "is this a real person?").
const ABOUT_BOT_EN =
  /\b(are you|r u|is (this|that|it)|am i (talking|chatting|speaking) (to|with)|you are) (an? |the )?(real |actual |live )?(human|person|bot|robot|agent|ai|customer service)\b/;
// Complaints and anger: a person should hear them, not the FAQ.
const ANGER_EN =
  /\b(complain|complaint|complaints|ridiculous|unacceptable|outrageous|disgraceful|disgusting|pathetic|furious|angry|pissed|fed up|sick of|scam|scams|scammed|scamming|scammers?|fraud|rip ?off|ripped off|garbage|rubbish|(are|is|so|totally|completely|absolutely) (useless|hopeless|incompetent)|(crap|shit|shitty|lousy) service|worst (service|company|shop|experience)|terrible service|awful service|horrible service|useless service|waste of (my )?time|wast(ed|ing) my time|this is a joke|lawyer|sue you|report you|never (buy|order|shop) (from|here|again))\b/;
const NEGATION_EN =
  /\b((don't|do not|dont|doesn't|never) (want|need|wanna)|no need (for|of|to)|not (looking|asking) for|without)\b.{0,24}\b(agents?|human|person|people|someone|operator|representative|staff|customer service)\b/;

// Chinese: person nouns, asking verbs, informational frames, questions about the bot, complaints.
const PERSON_ZH =
  /(人工|真人|活人|客服|工作人员|服务人员|专员|经理|主管|负责人|店长|老板|售后人员|小二|管理员|领导|上级|上司)/;
const BARE_ZH =
  /^(请|麻烦|我要|我想|我需要|需要|给我|帮我|快|赶紧)?(转|找|接|叫|换|来个|来一个)?(个|一个)?(人工|真人|活人|客服|人工客服|真人客服|在线客服|客服人员|工作人员|人工服务|人工客服服务)(服务)?(谢谢|吧|呢|呀|啊|啦|！|。|，)*$/;
const ASK_ZH =
  /(转|找|叫|接|换|要|让|请|需要|想要|我想|给我|帮我|联系|呼叫|跟|和|同|与)[^，。？！,?!]{0,8}(人工|真人|活人|客服|工作人员|服务人员|专员|经理|主管|负责人|店长|老板|领导|上级|上司|人)[^，。？！,?!]{0,6}(说|谈|聊|沟通|对话|处理|解决|服务|接待|来)?|人工(服务|客服|接待)?|转接/;
const INFO_ZH =
  /(怎么|怎样|如何|哪里|在哪|几点|什么时候|多少|电话|邮箱|号码|时间|上班|下班|周末|节假日|星期|工作日|值班|营业|是谁|该找谁)/;
// "有客服吗" asks whether there is one; "可以转人工吗" asks for one: a yes/no question counts only with a transfer word.
const TRANSFER_ZH = /(人工|转接|[转接换](个|一个)?(真人|客服|活人)|[找叫来](个|一个)?人(来|吧|吗|帮|处理|$))/;
const ABOUT_BOT_ZH = /(是|是不是|算)(真人|活人|人工|机器人|客服)|(真人|活人|机器人)吗|你是.{0,4}吗/;
const ANGER_ZH =
  /(投诉|举报|差评|太差|很差|真差|好差|垃圾|坑人|坑爹|太坑|坑死|被坑|骗子|骗人|欺诈|欺骗|诈骗|气死|太气人|生气|愤怒|火大|无语|恶心|离谱|太过分|过分了|忍无可忍|受不了|维权|12315|消协|消费者协会|曝光|什么破|烂透|态度.{0,2}差|服务.{0,2}差|没人管|不负责|欺负人)/;
const NEGATION_ZH = /(不要|不用|不需要|不想|别|无需|没必要|不必)(转|找|接|叫)?(人工|真人|客服)/;

/** True when the message asks for a person, or complains in a way a person should hear. */
export function asksForHuman(text: string): boolean {
  const raw = text.normalize('NFKC').toLowerCase().trim();
  if (!raw) return false;
  return /\p{Script=Han}/u.test(raw) ? asksInChinese(raw) : asksInEnglish(plainWords(raw));
}

function asksInChinese(t: string): boolean {
  const compact = t.replace(/\s+/g, '');
  if (NEGATION_ZH.test(compact)) return false;
  if (ANGER_ZH.test(compact) && !/(怎么投诉|如何投诉|投诉电话|在哪投诉|投诉渠道)/.test(compact)) return true;
  if (BARE_ZH.test(compact)) return true;
  if (compact.length > 30 || ABOUT_BOT_ZH.test(compact) || INFO_ZH.test(compact)) return false;
  if (TRANSFER_ZH.test(compact)) return true;
  return ASK_ZH.test(compact) && PERSON_ZH.test(compact) && !/吗[?？]?$/.test(compact);
}

// Polite words that may surround a bare person noun ("a human please", "customer service now").
const POLITE_EN =
  /\b(please|pls|plz|now|asap|right now|immediately|thanks|thank you|hi|hello|hey|ok|okay|just|help|a|an|the|some|any|i|me|my|real|live|actual|proper|talk to|speak to|speak with|talk with|chat with|get|give|can|could|may|have|you|yo|want|need|wanna|would|like|to|with)\b/g;

function asksInEnglish(t: string): boolean {
  const words = t.split(' ').length;
  if (ANGER_EN.test(t) && !/\bhow (do|can) i (complain|file|make|submit)\b/.test(t)) return true;
  if (/\b(connect|transfer|put) me (to|with|through to) (the |your )?(support|help|service|team)\b/.test(t))
    return true;
  if (!PERSON_EN.test(t) || NEGATION_EN.test(t) || ABOUT_BOT_EN.test(t)) return false;
  if (t.replace(PERSON_EN, ' ').replace(POLITE_EN, ' ').trim() === '') return true;
  if (words > 16 || INFO_EN.test(t)) return false;
  return ASK_EN.test(t);
}
