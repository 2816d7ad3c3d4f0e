import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  appendAudit,
  findProvince,
  hashPassword,
  insertProvince,
  insertProvinceAdmin,
  listProvinces,
  loginProvince,
  provisionProvince,
  type ProvinceRow,
} from '@accord/persistence';
import type { AuthUser } from '../auth/auth-user';
import { conflict } from '../common/problem-details.filter';
import type { CreatedProvinceDto, CreateProvinceDto, ProvinceDto, ProvinceListDto } from './provinces.dto';

const present = (r: ProvinceRow): ProvinceDto => ({
  code: r.code,
  name: r.name,
  nameEn: r.name_en,
  createdAt: new Date(r.created_at).toISOString(),
});

/** The platform administrators' work: the province directory, and a new province with its first administrator. */
@Injectable()
export class ProvincesService {
  constructor(private readonly db: DataSource) {}

  async list(): Promise<ProvinceListDto> {
    return { items: (await listProvinces(this.db)).map(present), nextCursor: null };
  }

  /**
   * One transaction: the province, its core agencies and default policies (provisionProvince), its first ADMIN, and
   * the first event of its own audit chain; nothing of it exists if any part fails.
   */
  async create(user: AuthUser, body: CreateProvinceDto): Promise<CreatedProvinceDto> {
    const email = body.admin.email.trim().toLowerCase();
    if (await findProvince(this.db, body.code)) throw conflict(`Province ${body.code} exists`, 'PROVINCE_EXISTS');
    if (await loginProvince(this.db, email)) throw conflict(`An account with the e-mail ${email} exists`, 'EMAIL_TAKEN');
    const passwordHash = await hashPassword(body.admin.password);
    const adminId = randomUUID();
    try {
      await this.db.transaction(async (m) => {
        // The province row first, and strictly: provisionProvince is idempotent (ON CONFLICT DO NOTHING, for the seed),
        // so a second administrator creating the same code at the same moment would otherwise add a second ADMIN.
        if (!(await insertProvince(m, { code: body.code, name: body.name, nameEn: body.nameEn })))
          throw conflict(`Province ${body.code} exists`, 'PROVINCE_EXISTS');
        await provisionProvince(m, { code: body.code, name: body.name, nameEn: body.nameEn });
        await insertProvinceAdmin(m, { id: adminId, email, fullName: body.admin.fullName, passwordHash });
        await appendAudit(m, [
          {
            at: new Date().toISOString(),
            actor: { id: user.id, name: user.fullName, type: 'USER' },
            action: 'PROVINCE_CREATED',
            proposalId: null,
            stage: null,
            payload: { code: body.code, name: body.name, nameEn: body.nameEn, adminId, adminEmail: email },
          },
        ]);
      });
    } catch (err) {
      // Two platform administrators creating the same province or e-mail at once: the loser is told, nothing is half-made.
      if ((err as { code?: string }).code === '23505')
        throw conflict(`Province ${body.code} or e-mail ${email} was just taken`, 'PROVINCE_EXISTS');
      throw err;
    }
    const created = (await findProvince(this.db, body.code))!;
    return { ...present(created), admin: { id: adminId, email } };
  }
}
